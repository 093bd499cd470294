package io.flarewatch.central.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a report period computed with one parameter set: a report row. Intervals belong to
 * the row their point's time (the interval's end) falls in. A period whose points change set is
 * split where the first interval computed with the new set begins: at the first poll time that
 * interval covers (its point's time − {@code interval_seconds} + one poll interval), so polls the
 * edge missed during an outage before the change count in the new set's row, whose first interval
 * carries their gas.
 *
 * @param site the site
 * @param start inclusive
 * @param end exclusive
 * @param data the sums of the segment's points; null when the period has none
 */
record Segment(String site, Instant start, Instant end, Chunk data) {

  /** The segments of one site's period from its chunks, in time order. */
  static List<Segment> of(
      String site, ReportPeriod.Span span, List<Chunk> chunks, int pollSeconds) {
    List<Chunk> merged = new ArrayList<>();
    for (Chunk chunk : chunks) {
      int last = merged.size() - 1;
      if (last >= 0 && merged.get(last).sameSet(chunk)) {
        merged.set(last, EmissionsChunks.merge(merged.get(last), chunk));
      } else {
        merged.add(chunk);
      }
    }
    List<Segment> segments = new ArrayList<>();
    if (merged.isEmpty()) {
      segments.add(new Segment(site, span.start(), span.end(), null));
      return segments;
    }
    List<Instant> starts = new ArrayList<>();
    starts.add(span.start());
    for (int i = 1; i < merged.size(); i++) {
      starts.add(boundary(merged.get(i - 1), merged.get(i), starts.get(i - 1), pollSeconds));
    }
    for (int i = 0; i < merged.size(); i++) {
      Instant end = i == merged.size() - 1 ? span.end() : starts.get(i + 1);
      segments.add(new Segment(site, starts.get(i), end, merged.get(i)));
    }
    return segments;
  }

  /**
   * Where the segment starting with {@code next} begins: the first poll time its first interval
   * covers, after the previous segment's last point and start.
   */
  private static Instant boundary(Chunk previous, Chunk next, Instant previousStart, int poll) {
    Instant first = next.firstPoint() != null ? next.firstPoint() : next.day();
    Instant at = first;
    if (!Double.isNaN(next.firstSpanSeconds()) && next.firstSpanSeconds() > poll) {
      at = first.minusMillis(Math.round((next.firstSpanSeconds() - poll) * 1000));
    }
    Instant afterPrevious =
        previous.lastPoint() != null ? previous.lastPoint().plusMillis(1) : previousStart;
    if (at.isBefore(afterPrevious)) {
      at = afterPrevious;
    }
    return at.isBefore(previousStart) ? previousStart : at;
  }

  /** The segment's parameter set id, or null without data. */
  String parameterSet() {
    return data == null ? null : data.parameterSet();
  }

  /**
   * Poll intervals expected from {@code start} up to {@code end} or {@code asOf}, whichever is
   * first: intervals that have not happened yet are not expected.
   */
  long expectedIntervals(Instant asOf, int pollSeconds) {
    Instant until = end.isAfter(asOf) ? asOf : end;
    long seconds = until.getEpochSecond() - start.getEpochSecond();
    return seconds <= 0 ? 0 : seconds / pollSeconds;
  }

  /**
   * Poll intervals whose gas is known: each point counts the span it covers ({@code
   * interval_seconds}), so a missed poll whose gas the next reading carried is covered; a point
   * without a span counts one interval.
   */
  static long coveredIntervals(double spanSeconds, long spanned, long intervals, int pollSeconds) {
    return Math.round(spanSeconds / pollSeconds) + (intervals - spanned);
  }
}
