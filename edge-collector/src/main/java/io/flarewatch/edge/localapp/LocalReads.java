package io.flarewatch.edge.localapp;

import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site-local API's reads, each the same shape as central's endpoint of the same path, from the
 * edge's own data: the source ({@code GET /api/v1/source}, site-local only), the fleet of one site,
 * the site's latest cycle, a miner's latest sample and the 24 h series from the 1-minute rollups.
 */
final class LocalReads {

  static final String SOURCE = "site-local";
  private static final Pattern STEP = Pattern.compile("([1-9][0-9]{0,5})([smh])");
  private static final Duration MAX_SPAN = Duration.ofDays(8);

  private final String site;
  private final LocalData data;
  private final long offlineAfterMillis;
  private final Clock clock;

  LocalReads(String site, LocalData data, long offlineAfterMillis, Clock clock) {
    this.site = site;
    this.data = data;
    this.offlineAfterMillis = offlineAfterMillis;
    this.clock = clock;
  }

  /** Where the app's data comes from and how old it is; public, for the app's badge. */
  JsonObject source(RoutingContext ctx) {
    noParameters(ctx, Set.of());
    JsonObject answer = new JsonObject().put("source", SOURCE).put("site", site);
    data.latest()
        .latest()
        .ifPresent(
            s ->
                answer
                    .put("latestCycle", Instant.ofEpochMilli(s.cycleMillis()).toString())
                    .put("dataAgeSeconds", Math.max(0, (clock.millis() - s.cycleMillis()) / 1000)));
    return answer;
  }

  JsonObject fleet(RoutingContext ctx) {
    noParameters(ctx, Set.of());
    Instant now = clock.instant();
    JsonObject tile = new JsonObject().put("site", site).put("name", site);
    LatestCycle.Snapshot latest = data.latest().latest().orElse(null);
    if (latest == null) {
      tile.put("online", false).put("lastSeen", null);
    } else {
      JsonObject detail = latest.detail();
      JsonObject summary = detail.getJsonObject("summary", new JsonObject());
      tile.put("online", now.toEpochMilli() - latest.cycleMillis() <= offlineAfterMillis)
          .put("lastSeen", Instant.ofEpochMilli(latest.cycleMillis()).toString())
          .put(
              "generatorKw",
              sum(detail.getJsonArray("generators"), Schema.FIELD_GENERATOR_KW, null))
          .put("generatorLoadPct", mean(detail.getJsonArray("generators"), "load_pct"))
          .put(
              "gensetFuelFlowMscfd",
              sum(detail.getJsonArray("gasMeters"), "flow_rate_mscfd", "genset_fuel_meter"))
          .put(
              "flareFlowMscfd",
              sum(detail.getJsonArray("gasMeters"), "flow_rate_mscfd", "flare_meter"))
          .put("minersOnline", summary.getValue(Schema.FIELD_MINERS_ONLINE))
          .put("minersTotal", summary.getValue(Schema.FIELD_MINERS_TOTAL))
          .put("hashrateThs", summary.getValue(Schema.FIELD_HASHRATE_THS));
    }
    return new JsonObject()
        .put("source", SOURCE)
        .put("time", now.toString())
        .put("sites", new JsonArray().add(tile));
  }

  JsonObject site(RoutingContext ctx) {
    noParameters(ctx, Set.of());
    return data.latest()
        .latest()
        .map(LatestCycle.Snapshot::detail)
        .orElseGet(
            () ->
                new JsonObject()
                    .put("site", site)
                    .put("name", site)
                    .put("summary", null)
                    .put("generators", new JsonArray())
                    .put("gasMeters", new JsonArray())
                    .put("miners", new JsonArray()));
  }

  JsonObject miner(RoutingContext ctx) {
    noParameters(ctx, Set.of());
    String miner = ctx.pathParam("miner");
    JsonObject latest = data.latest().latest().map(s -> s.miners().get(miner)).orElse(null);
    if (latest == null) {
      throw LocalProblem.notFound(
          "Site '" + site + "' has no miner '" + miner + "' in its latest cycle.");
    }
    return new JsonObject().put("site", site).put("miner", miner).put("latest", latest.copy());
  }

  /** {@code GET .../series?metric=&from=&to=&step=[&device=]}: means of 1-minute rollups. */
  Future<JsonObject> series(RoutingContext ctx) {
    noParameters(ctx, Set.of("metric", "from", "to", "step", "device", "agg"));
    String metric = ctx.queryParams().get("metric");
    if (metric == null || !MinuteRollups.kept(metric)) {
      throw LocalProblem.badRequest(
          "bad-metric",
          "'metric' must be one the edge keeps rollups of: "
              + MinuteRollups.METRICS.keySet().stream().sorted().toList()
              + ".");
    }
    String agg = ctx.queryParams().get("agg");
    if (agg != null && !agg.equals("mean")) {
      throw LocalProblem.badRequest("bad-agg", "The edge's rollups give 'mean' only.");
    }
    Instant from = instant(ctx, "from");
    Instant to = instant(ctx, "to");
    if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
      throw LocalProblem.badRequest(
          "bad-period", "'to' must be after 'from' and at most " + MAX_SPAN.toDays() + " days on.");
    }
    long stepMinutes = stepMinutes(ctx.queryParams().get("step"));
    String device = ctx.queryParams().get("device");
    long fromMinute = Math.floorDiv(from.toEpochMilli(), 60_000L);
    long toMinute = Math.floorDiv(to.toEpochMilli() + 59_999L, 60_000L);
    return data.series(metric, device, fromMinute, toMinute, stepMinutes)
        .map(
            series ->
                new JsonObject()
                    .put("site", site)
                    .put("metric", metric)
                    .put("agg", "mean")
                    .put("stepSeconds", stepMinutes * 60)
                    .put("from", from.toString())
                    .put("to", to.toString())
                    .put("device", device)
                    .put("series", series(series, metric)));
  }

  private static JsonArray series(Map<String, List<double[]>> series, String metric) {
    boolean devices = MinuteRollups.deviceTag(metric).isPresent();
    JsonArray answer = new JsonArray();
    series.forEach(
        (device, steps) -> {
          JsonArray points = new JsonArray();
          for (double[] step : steps) {
            points.add(
                new JsonArray()
                    .add(Instant.ofEpochSecond((long) step[0] * 60).toString())
                    .add(step[1]));
          }
          answer.add(new JsonObject().put("device", devices ? device : null).put("points", points));
        });
    return answer;
  }

  private static long stepMinutes(String step) {
    if (step == null) {
      return 5;
    }
    Matcher m = STEP.matcher(step);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      long seconds =
          switch (m.group(2)) {
            case "s" -> n;
            case "m" -> n * 60;
            default -> n * 3600;
          };
      if (seconds % 60 == 0 && seconds <= 86_400) {
        return seconds / 60;
      }
    }
    throw LocalProblem.badRequest(
        "bad-step",
        "'step' must be whole minutes up to a day, e.g. 1m, 5m, 1h (the edge keeps 1-minute"
            + " rollups).");
  }

  private static Instant instant(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException | NullPointerException e) {
      throw LocalProblem.badRequest(
          "bad-instant", "'" + name + "' must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z.");
    }
  }

  /** Refuses query parameters other than {@code allowed}, and any given twice. */
  static void noParameters(RoutingContext ctx, Set<String> allowed) {
    for (String name : ctx.queryParams().names()) {
      if (!allowed.contains(name)) {
        throw LocalProblem.badRequest(
            "unknown-parameter", "Unknown query parameter; allowed: " + allowed + ".");
      }
      if (ctx.queryParams().getAll(name).size() > 1) {
        throw LocalProblem.badRequest(
            "repeated-parameter", "Query parameter '" + name + "' is given more than once.");
      }
    }
  }

  private static Double sum(JsonArray devices, String field, String role) {
    Double total = null;
    for (Object d : devices) {
      JsonObject device = (JsonObject) d;
      if ((role == null || role.equals(device.getString("role")))
          && device.getValue(field) instanceof Number n) {
        total = (total == null ? 0 : total) + n.doubleValue();
      }
    }
    return total;
  }

  private static Double mean(JsonArray devices, String field) {
    double total = 0;
    int n = 0;
    for (Object d : devices) {
      if (((JsonObject) d).getValue(field) instanceof Number v) {
        total += v.doubleValue();
        n++;
      }
    }
    return n == 0 ? null : total / n;
  }
}
