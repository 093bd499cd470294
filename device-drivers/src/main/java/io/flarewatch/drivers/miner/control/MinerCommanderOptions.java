package io.flarewatch.drivers.miner.control;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link MinerCommander} paces one miner's action.
 *
 * @param readbackInterval pause between read-back polls after a send
 * @param resendAfter when the read-back has not shown the new state this long after a send that the
 *     firmware acknowledged, the action is sent again
 * @param initialBackoff pause after the first failed send (or failed detection); doubled after each
 *     further failure
 * @param maxBackoff the longest pause between failed sends
 * @param maxAttempts most sends of one action (acknowledged or not)
 */
public record MinerCommanderOptions(
    Duration readbackInterval,
    Duration resendAfter,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxAttempts) {

  public MinerCommanderOptions {
    positive(readbackInterval, "readbackInterval");
    positive(resendAfter, "resendAfter");
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be at least initialBackoff");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
  }

  /** Read back every second, resend after 15 s, back off 1 s doubling to 8 s, at most 5 sends. */
  public static MinerCommanderOptions defaults() {
    return new MinerCommanderOptions(
        Duration.ofSeconds(1),
        Duration.ofSeconds(15),
        Duration.ofSeconds(1),
        Duration.ofSeconds(8),
        5);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
