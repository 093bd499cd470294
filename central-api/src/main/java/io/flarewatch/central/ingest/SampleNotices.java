package io.flarewatch.central.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Tells whoever listens in this process that a site's samples were stored: ingest publishes on the
 * event bus address {@code flarewatch.samples.<site>} once InfluxDB stored a batch, so a live view
 * can read the site's latest cycle at once instead of waiting for its next poll of InfluxDB. The
 * message body is the number of points stored. A notice is a hint, not data: a listener reads what
 * it shows from InfluxDB, so a lost notice only delays an update.
 */
public final class SampleNotices {

  static final String ADDRESS_PREFIX = "flarewatch.samples.";

  private SampleNotices() {}

  static void stored(Vertx vertx, String site, int points) {
    vertx.eventBus().publish(ADDRESS_PREFIX + site, points);
  }

  /** Calls {@code listener} whenever a batch of {@code site} was stored. */
  public static MessageConsumer<Integer> listen(Vertx vertx, String site, Runnable listener) {
    return vertx.eventBus().<Integer>consumer(ADDRESS_PREFIX + site, m -> listener.run());
  }
}
