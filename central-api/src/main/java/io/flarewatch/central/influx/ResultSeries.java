package io.flarewatch.central.influx;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One series of an InfluxDB {@code /query} answer: its tags and rows, read by column name.
 *
 * @param tags the series' GROUP BY tag values
 * @param columns column names; the first is {@code time} (epoch milliseconds)
 * @param rows the values, one array per row
 */
public record ResultSeries(Map<String, String> tags, List<String> columns, List<JsonArray> rows) {

  /** Every series of statement {@code statement} in a multi-statement answer. */
  public static List<ResultSeries> of(JsonArray results, int statement) {
    JsonArray series = results.getJsonObject(statement).getJsonArray("series");
    List<ResultSeries> all = new ArrayList<>();
    if (series == null) {
      return all;
    }
    for (int s = 0; s < series.size(); s++) {
      JsonObject one = series.getJsonObject(s);
      Map<String, String> tags = new LinkedHashMap<>();
      JsonObject tagJson = one.getJsonObject("tags");
      if (tagJson != null) {
        tagJson.forEach(
            e -> tags.put(e.getKey(), e.getValue() == null ? "" : e.getValue().toString()));
      }
      List<String> columns = new ArrayList<>();
      one.getJsonArray("columns", new JsonArray()).forEach(c -> columns.add(c.toString()));
      List<JsonArray> rows = new ArrayList<>();
      one.getJsonArray("values", new JsonArray()).forEach(v -> rows.add((JsonArray) v));
      all.add(
          new ResultSeries(
              Collections.unmodifiableMap(tags), List.copyOf(columns), List.copyOf(rows)));
    }
    return all;
  }

  /** Every row of every series of statement {@code statement}, in the order InfluxDB sent them. */
  public static List<JsonArray> allRows(JsonArray results, int statement) {
    List<JsonArray> rows = new ArrayList<>();
    for (ResultSeries series : of(results, statement)) {
      rows.addAll(series.rows());
    }
    return rows;
  }

  /** The first row of statement {@code statement}, or null when it returned nothing. */
  public static JsonArray firstRow(JsonArray results, int statement) {
    List<JsonArray> rows = allRows(results, statement);
    return rows.isEmpty() ? null : rows.get(0);
  }

  public String tag(String name) {
    return tags.getOrDefault(name, "");
  }

  /** The value of {@code column} in row {@code row}, or null. */
  public Object value(int row, String column) {
    int index = columns.indexOf(column);
    return index < 0 ? null : rows.get(row).getValue(index);
  }

  /**
   * The non-null values of row {@code row} whose column starts with {@code prefix}, by column name
   * without the prefix, as text (e.g. the {@code param_*} fields of a point).
   */
  public SortedMap<String, String> prefixed(int row, String prefix) {
    SortedMap<String, String> values = new TreeMap<>();
    for (int c = 0; c < columns.size(); c++) {
      Object value = rows.get(row).getValue(c);
      if (columns.get(c).startsWith(prefix) && value != null) {
        values.put(columns.get(c).substring(prefix.length()), value.toString());
      }
    }
    return values;
  }

  public Double doubleValue(int row, String column) {
    Object value = value(row, column);
    return value instanceof Number n ? n.doubleValue() : null;
  }

  public long time(int row) {
    return rows.get(row).getLong(0);
  }

  /** The first row as a JSON object of column → value, time as an ISO instant. */
  public JsonObject rowObject(int row) {
    JsonObject json = new JsonObject();
    for (int c = 0; c < columns.size(); c++) {
      Object value = rows.get(row).getValue(c);
      if (c == 0) {
        json.put(
            "time",
            value == null
                ? null
                : java.time.Instant.ofEpochMilli(((Number) value).longValue()).toString());
      } else {
        json.put(columns.get(c), value);
      }
    }
    return json;
  }
}
