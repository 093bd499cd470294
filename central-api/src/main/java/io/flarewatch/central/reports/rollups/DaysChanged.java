package io.flarewatch.central.reports.rollups;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;

/**
 * Ingest's word to this process's roller that it stored emissions points of a site's days (the
 * markers are already in InfluxDB; this only saves the roller waiting for its next sweep). Local:
 * other replicas find the markers by their sweeps.
 */
public final class DaysChanged {

  static final String ADDRESS = "flarewatch.rollups.days-changed";
  static final String SITE = "site";
  static final String DAYS = "days";
  static final String WRITTEN_AT = "writtenAt";

  private DaysChanged() {}

  /** Tells the roller that {@code site}'s {@code days} (start, epoch ms) changed. */
  public static void publish(Vertx vertx, String site, Collection<Long> days, long writtenAt) {
    if (days.isEmpty()) {
      return;
    }
    vertx
        .eventBus()
        .publish(
            ADDRESS,
            new JsonObject()
                .put(SITE, site)
                .put(DAYS, new JsonArray(days.stream().map(Object.class::cast).toList()))
                .put(WRITTEN_AT, writtenAt),
            new DeliveryOptions().setLocalOnly(true));
  }
}
