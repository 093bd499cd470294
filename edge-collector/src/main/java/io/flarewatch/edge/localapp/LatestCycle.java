package io.flarewatch.edge.localapp;

import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The site's latest stored cycle, in the shapes of central's site and miner endpoints, so that the
 * same app reads either. Replaced whole after each stored cycle (by the poller's thread) and each
 * stored decision of the load loop (by its thread), and read by the site-local API (on its own):
 * each snapshot is immutable.
 */
public final class LatestCycle {

  /** Event bus address told the time (epoch ms) of each cycle stored. */
  public static final String STORED = "flarewatch.edge.cycle-stored";

  /** The miner fields the site detail lists per miner, as central's does. */
  static final List<String> MINER_FIELDS =
      List.of(
          Schema.FIELD_UP,
          Schema.FIELD_STATE,
          Schema.FIELD_HASHRATE_THS,
          Schema.FIELD_TEMP_CHIP_MAX_C,
          Schema.FIELD_POWER_W,
          Schema.FIELD_ERROR);

  /**
   * One cycle.
   *
   * @param cycleMillis when it was polled
   * @param detail as {@code GET /api/v1/sites/{site}} answers
   * @param miners each miner's every field, as {@code latest} of the miner endpoint
   */
  public record Snapshot(long cycleMillis, JsonObject detail, Map<String, JsonObject> miners) {}

  /** How old the load loop's latest decision may be and still show, as central's site detail. */
  static final Duration LOAD_CONTROL_WITHIN = Duration.ofMinutes(15);

  private final String site;
  private volatile Snapshot latest;
  private Point decision;

  public LatestCycle(String site) {
    this.site = site;
  }

  public Optional<Snapshot> latest() {
    return Optional.ofNullable(latest);
  }

  /**
   * Takes the load loop's latest {@code control_decision}: the site detail's {@code loadControl}
   * from now on, until it is older than {@link #LOAD_CONTROL_WITHIN} at a cycle.
   */
  public synchronized void decided(Point controlDecision) {
    decision = controlDecision;
    Snapshot now = latest;
    if (now != null) {
      JsonObject detail = now.detail().copy().put("loadControl", fields(controlDecision));
      latest = new Snapshot(now.cycleMillis(), detail, now.miners());
    }
  }

  /** Takes a stored cycle's points. */
  public synchronized void stored(long cycleMillis, List<Point> points) {
    JsonArray generators = new JsonArray();
    JsonArray gasMeters = new JsonArray();
    JsonArray minerRows = new JsonArray();
    Map<String, JsonObject> miners = new HashMap<>();
    JsonObject summary = null;
    for (Point p : points) {
      switch (p.measurement()) {
        case Schema.GENERATOR -> generators.add(device(p, Schema.TAG_DEVICE));
        case Schema.GAS_METER -> gasMeters.add(device(p, Schema.TAG_DEVICE));
        case Schema.SITE_SUMMARY -> summary = fields(p);
        case Schema.MINER -> {
          String id = p.tags().get(Schema.TAG_MINER);
          JsonObject all = fields(p);
          all.put(Schema.TAG_FIRMWARE, p.tags().get(Schema.TAG_FIRMWARE));
          miners.put(id, all);
          JsonObject row = new JsonObject().put("id", id).put("time", time(p));
          for (String field : MINER_FIELDS) {
            if (p.fields().containsKey(field)) {
              row.put(field, p.fields().get(field));
            }
          }
          row.put(Schema.TAG_FIRMWARE, p.tags().get(Schema.TAG_FIRMWARE));
          minerRows.add(row);
        }
        default -> {}
      }
    }
    JsonObject detail =
        new JsonObject()
            .put("site", site)
            .put("name", site)
            .put("summary", summary)
            .put("generators", sorted(generators))
            .put("gasMeters", sorted(gasMeters))
            .put("miners", sorted(minerRows))
            .put("loadControl", loadControl(cycleMillis));
    latest = new Snapshot(cycleMillis, detail, Map.copyOf(miners));
  }

  private JsonObject loadControl(long cycleMillis) {
    return decision == null || decision.timeMillis() < cycleMillis - LOAD_CONTROL_WITHIN.toMillis()
        ? null
        : fields(decision);
  }

  private static JsonObject device(Point p, String idTag) {
    JsonObject device = new JsonObject().put("id", p.tags().get(idTag));
    p.tags()
        .forEach(
            (k, v) -> {
              if (!Set.of(idTag, Schema.TAG_SITE).contains(k)) {
                device.put(k, v);
              }
            });
    return device.mergeIn(fields(p));
  }

  private static JsonObject fields(Point p) {
    JsonObject fields = new JsonObject().put("time", time(p));
    p.fields().forEach(fields::put);
    return fields;
  }

  private static String time(Point p) {
    return Instant.ofEpochMilli(p.timeMillis()).toString();
  }

  private static JsonArray sorted(JsonArray devices) {
    List<Object> list = new java.util.ArrayList<>(devices.getList());
    list.sort(Comparator.comparing(d -> ((JsonObject) d).getString("id")));
    return new JsonArray(list);
  }
}
