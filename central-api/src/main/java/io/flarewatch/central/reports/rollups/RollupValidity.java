package io.flarewatch.central.reports.rollups;

/**
 * When a daily rollup may stand for its day's raw points. A rollup is computed from a raw read that
 * started at {@code computed_at}; the day's marker says when the latest write that changed the day
 * was sent ({@code written_at}). That write is visible by {@code written_at} + InfluxDB's write
 * timeout; two writes to one day may land in either order, so the stored marker can be up to one
 * timeout older than the latest write: a {@code margin} of twice the timeout (plus clock skew
 * between replicas) covers both. A day without a marker has had no write through central since its
 * markers began (or they expired with the raw points): its rollup stands.
 */
public final class RollupValidity {

  private RollupValidity() {}

  /**
   * @param computedAt the oldest {@code computed_at} of the day's rollup points (one per
   *     methodology and parameter set)
   * @param writtenAt the day's marker, or null when it has none
   * @param marginMillis see the class comment
   */
  public static boolean valid(long computedAt, Long writtenAt, long marginMillis) {
    return writtenAt == null || computedAt >= writtenAt + marginMillis;
  }

  /** The time from which a rollup computed after the marker {@code writtenAt} will be valid. */
  public static long validFrom(long writtenAt, long marginMillis) {
    return writtenAt + marginMillis;
  }
}
