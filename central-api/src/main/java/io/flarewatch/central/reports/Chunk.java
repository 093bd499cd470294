package io.flarewatch.central.reports;

import io.flarewatch.central.reports.rollups.DaySums;
import java.time.Instant;
import java.util.List;

/**
 * Sums of one site's emissions points computed with one methodology and parameter set: over a UTC
 * day (or the part of it in range), or over a run of consecutive points within a day, whose first
 * and last point times are then known exactly.
 *
 * @param site the site
 * @param day start of the UTC day the points are in
 * @param firstPoint time of the run's first point; null for a whole day's sums
 * @param lastPoint time of the run's last point; null for a whole day's sums
 * @param firstSpanSeconds {@code interval_seconds} of the run's first point; NaN when unknown
 * @param methodology methodology id
 * @param parameterSet the set's content id
 * @param sums sums of {@link #FIGURES}, in that order
 * @param intervals number of points
 * @param spanSeconds sum of the points' {@code interval_seconds}
 * @param spanned number of points that carry {@code interval_seconds}
 * @param outages number of points that span an outage
 * @param resolution finest totalizer step of the points, cf; NaN when unknown
 */
record Chunk(
    String site,
    Instant day,
    Instant firstPoint,
    Instant lastPoint,
    double firstSpanSeconds,
    String methodology,
    String parameterSet,
    double[] sums,
    long intervals,
    double spanSeconds,
    long spanned,
    long outages,
    double resolution) {

  /** The summed figures of the emissions measurement. */
  static final List<String> FIGURES = DaySums.FIGURES;

  static int figure(String name) {
    int index = FIGURES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("not a summed figure: " + name);
    }
    return index;
  }

  /** True when this chunk and {@code other} were computed with the same methodology and set. */
  boolean sameSet(Chunk other) {
    return methodology.equals(other.methodology) && parameterSet.equals(other.parameterSet);
  }
}
