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

  /** Error code: the firmware acknowledged, and the read-back never showed the new state. */
  public static final String NOT_APPLIED = "not_applied";

  /** Error code: the miner's firmware cannot do the action (or is not controllable at all). */
  public static final String UNSUPPORTED = "unsupported";

  /** Confirmed by a read-back. */
  public static MinerOutcome confirmed(
      String readbackState, Double readbackPowerLimitW, int attempts) {
    return new MinerOutcome(
        Result.CONFIRMED, readbackState, readbackPowerLimitW, null, null, attempts);
  }

  /** Not confirmed: {@code error} is a stable code, {@code errorDetail} one line. */
  public static MinerOutcome failed(
      String readbackState,
      Double readbackPowerLimitW,
      String error,
      String errorDetail,
      int attempts) {
    return new MinerOutcome(
        Result.FAILED, readbackState, readbackPowerLimitW, error, errorDetail, attempts);
  }

  /** Not tried (nothing was sent). */
  public static MinerOutcome skipped(
      String readbackState, Double readbackPowerLimitW, String error, String errorDetail) {
    return new MinerOutcome(
        Result.SKIPPED, readbackState, readbackPowerLimitW, error, errorDetail, 0);
  }

  /** The end of one miner's action. */
  public enum Result {
    CONFIRMED,
    FAILED,
    SKIPPED
  }
}
