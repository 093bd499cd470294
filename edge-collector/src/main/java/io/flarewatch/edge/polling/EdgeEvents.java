package io.flarewatch.edge.polling;

import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;

/**
 * The {@code edge_event} points the edge writes about itself. Each carries running totals next to
 * the counts since the previous event, so the latest one tells the whole story even when earlier
 * ones were lost.
 */
final class EdgeEvents {

  private EdgeEvents() {}

  /** The full buffer dropped its oldest lines. */
  static Point bufferFull(String site, long timeMillis, long dropped, long droppedTotal) {
    return event(site, timeMillis, Schema.KIND_BUFFER_FULL)
        .field(Schema.FIELD_DROPPED_LINES, dropped)
        .field(Schema.FIELD_DROPPED_LINES_TOTAL, droppedTotal)
        .build();
  }

  /**
   * Cycles that are not in the buffer: polled but not stored ({@code lost}), or not started because
   * the previous cycle still ran ({@code skipped}).
   */
  static Point cyclesLost(
      String site, long timeMillis, long lost, long lostTotal, long skipped, long skippedTotal) {
    return event(site, timeMillis, Schema.KIND_CYCLE_LOST)
        .field(Schema.FIELD_LOST_CYCLES, lost)
        .field(Schema.FIELD_LOST_CYCLES_TOTAL, lostTotal)
        .field(Schema.FIELD_SKIPPED_CYCLES, skipped)
        .field(Schema.FIELD_SKIPPED_CYCLES_TOTAL, skippedTotal)
        .build();
  }

  private static Point.Builder event(String site, long timeMillis, String kind) {
    return Point.builder(Schema.EDGE_EVENT, timeMillis)
        .tag(Schema.TAG_SITE, site)
        .tag(Schema.TAG_KIND, kind);
  }
}
