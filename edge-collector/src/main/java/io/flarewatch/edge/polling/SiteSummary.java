package io.flarewatch.edge.polling;

import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.util.List;
import java.util.Optional;

/** The {@code site_summary} point of a cycle: miners polled, miners online, their hashrate. */
final class SiteSummary {

  private SiteSummary() {}

  /**
   * The summary of a cycle's miner points, empty when the site has no miners.
   *
   * @param minersOnline how many of them answered
   */
  static Optional<Point> of(
      String site, long cycleMillis, List<Point> minerPoints, int minersOnline) {
    if (minerPoints.isEmpty()) {
      return Optional.empty();
    }
    double hashrate =
        minerPoints.stream()
            .map(p -> p.fields().get(Schema.FIELD_HASHRATE_THS))
            .filter(Double.class::isInstance)
            .mapToDouble(v -> (Double) v)
            .sum();
    return Optional.of(
        Point.builder(Schema.SITE_SUMMARY, cycleMillis)
            .tag(Schema.TAG_SITE, site)
            .field(Schema.FIELD_MINERS_TOTAL, (long) minerPoints.size())
            .field(Schema.FIELD_MINERS_ONLINE, (long) minersOnline)
            .field(Schema.FIELD_HASHRATE_THS, Math.round(hashrate * 1e6) / 1e6)
            .build());
  }
}
