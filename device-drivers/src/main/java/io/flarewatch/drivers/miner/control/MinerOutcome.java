package io.flarewatch.drivers.miner.control;

/**
 * How one miner's action ended.
 *
 * @param result confirmed by a read-back, failed, or skipped without trying
 * @param readbackState the state the last read-back showed ({@code sleeping}, {@code mining}, ...),
 *     or null when no read-back answered
 * @param readbackPowerLimitW the power limit the last read-back showed, or null
 * @param error a stable code when not confirmed ({@code not_applied} when the firmware answered OK
 *     and the read-back shows no change, {@code unsupported}, {@code timeout}, ...), else null
 * @param errorDetail what the device or network said, one line, else null
 * @param attempts how many times the action was sent
 */
public record MinerOutcome(
    Result result,
    String readbackState,
    Double readbackPowerLimitW,
    String error,
    String errorDetail,
    int attempts) {

  /** The end of one miner's action. */
  public enum Result {
    CONFIRMED,
    FAILED,
    SKIPPED
  }
}
