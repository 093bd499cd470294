package io.flarewatch.central.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Tells whoever listens, on this replica or (clustered) on any other, that a site's samples were
 * stored: ingest publishes on the event bus address {@code flarewatch.samples.<site>} once InfluxDB
 * stored a batch, so a live view can read the site's latest cycle at once instead of waiting for
 * its next poll of InfluxDB. The message body is the number of points stored. A notice is a hint,
 * not data: a listener reads what it shows from InfluxDB, so a lost notice only delays an update.
 */
public final class SampleNotices {

  static final String ADDRESS_PREFIX = "flarewatch.samples.";

  /**
   * The header with each notice's id, the same for every listener, so the listeners of one notice
   * can share one read.
   */
  static final String NOTICE_HEADER = "notice";

  private SampleNotices() {}

  static void stored(Vertx vertx, String site, int points) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String notice = new UUID(random.nextLong(), random.nextLong()).toString();
    vertx
        .eventBus()
        .publish(
            ADDRESS_PREFIX + site, points, new DeliveryOptions().addHeader(NOTICE_HEADER, notice));
  }

  /** Calls {@code listener} whenever a batch of {@code site} was stored. */
  public static MessageConsumer<Integer> listen(Vertx vertx, String site, Runnable listener) {
    return listen(vertx, site, notice -> listener.run());
  }

  /**
   * Calls {@code listener} with the notice's id whenever a batch of {@code site} was stored; every
   * listener of one notice gets the same id (null from a publisher that sends none).
   */
  public static MessageConsumer<Integer> listen(
      Vertx vertx, String site, Consumer<String> listener) {
    return vertx
        .eventBus()
        .<Integer>consumer(
            ADDRESS_PREFIX + site, m -> listener.accept(m.headers().get(NOTICE_HEADER)));
  }
}
