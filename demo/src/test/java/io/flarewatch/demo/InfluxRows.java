package io.flarewatch.demo;

import io.flarewatch.central.influx.InfluxClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads InfluxQL results as rows for assertions. */
final class InfluxRows {

  private InfluxRows() {}

  /** Each row of every series of the first statement, as JSON keyed by column (and tag). */
  static List<JsonObject> rows(InfluxClient influx, String query) {
    JsonArray series = influx.query(query).await().getJsonObject(0).getJsonArray("series");
    List<JsonObject> rows = new ArrayList<>();
    if (series == null) {
      return rows;
    }
    for (int s = 0; s < series.size(); s++) {
      JsonObject one = series.getJsonObject(s);
      JsonArray columns = one.getJsonArray("columns");
      JsonObject tags = one.getJsonObject("tags", new JsonObject());
      for (Object value : one.getJsonArray("values")) {
        JsonArray row = (JsonArray) value;
        Map<String, Object> fields = new HashMap<>(tags.getMap());
        for (int c = 0; c < columns.size(); c++) {
          fields.put(columns.getString(c), row.getValue(c));
        }
        rows.add(new JsonObject(fields));
      }
    }
    return rows;
  }

  /** The single value of an aggregate query (count, sum), 0 when there are no rows. */
  static long single(InfluxClient influx, String query) {
    List<JsonObject> rows = rows(influx, query);
    if (rows.isEmpty()) {
      return 0;
    }
    JsonObject row = rows.get(0);
    String column =
        row.fieldNames().stream().filter(n -> !n.equals("time")).findFirst().orElseThrow();
    return Math.round(row.getDouble(column));
  }

  /** How many {@code miner} points each cycle timestamp holds. */
  static TreeMap<Long, Integer> minerPointsPerCycle(InfluxClient influx) {
    TreeMap<Long, Integer> perCycle = new TreeMap<>();
    for (JsonObject row : rows(influx, "SELECT up FROM miner")) {
      perCycle.merge(row.getLong("time"), 1, Integer::sum);
    }
    return perCycle;
  }

  /** Timestamps of the stored {@code site_summary} points, one per stored cycle. */
  static List<Long> summaryCycles(InfluxClient influx) {
    return rows(influx, "SELECT miners_total FROM site_summary").stream()
        .map(r -> r.getLong("time"))
        .toList();
  }
}
