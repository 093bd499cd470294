package io.flarewatch.wire;

import static io.flarewatch.wire.LineProtocolException.excerpt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One InfluxDB point: measurement, tag set, field set and a timestamp in epoch milliseconds.
 *
 * <p>A point's identity in InfluxDB is measurement + tag set + timestamp. Writing the same point
 * twice stores it once, which is what makes at-least-once delivery from the edge exactly-once in
 * effect: the edge stamps every sample when it is collected and never restamps it on replay.
 *
 * <p>Field values are {@link Double}, {@link Long} (written as integers), {@link Boolean} or {@link
 * String}.
 */
public record Point(
    String measurement,
    SortedMap<String, String> tags,
    Map<String, Object> fields,
    long timeMillis) {

  public Point {
    Objects.requireNonNull(measurement, "measurement");
    if (measurement.isEmpty()) {
      throw new IllegalArgumentException("measurement is empty");
    }
    requireWritable("measurement", measurement);
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getKey().isEmpty() || tag.getValue() == null || tag.getValue().isEmpty()) {
        throw new IllegalArgumentException(
            "tag '"
                + excerpt(tag.getKey())
                + "' of "
                + excerpt(measurement)
                + " has an empty key or value");
      }
      requireWritable("tag key", tag.getKey());
      requireWritable("value of tag '" + excerpt(tag.getKey()) + "'", tag.getValue());
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException(excerpt(measurement) + " has no fields");
    }
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      copy.put(field.getKey(), checkedFieldValue(measurement, field.getKey(), field.getValue()));
    }
    fields = Collections.unmodifiableMap(copy);
  }

  private static Object checkedFieldValue(String measurement, String key, Object value) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException(excerpt(measurement) + " has a field with an empty key");
    }
    requireWritable("field key", key);
    if (value instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(
            "field '" + key + "' of " + measurement + " is not a finite number: " + d);
      }
      return d;
    }
    if (value instanceof Float f) {
      return checkedFieldValue(measurement, key, f.doubleValue());
    }
    if (value instanceof Long || value instanceof Boolean || value instanceof String) {
      return value;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    throw new IllegalArgumentException(
        "field '"
            + key
            + "' of "
            + measurement
            + " has an unsupported value "
            + (value == null ? "null" : value.getClass().getSimpleName()));
  }

  /**
   * Line protocol cannot carry control characters, and a name ending in a backslash would escape
   * the separator after it.
   */
  private static void requireWritable(String what, String text) {
    if (text.endsWith("\\")) {
      throw new IllegalArgumentException(what + " '" + excerpt(text) + "' ends with a backslash");
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x20 || text.charAt(i) == 0x7f) {
        throw new IllegalArgumentException(what + " holds a control character");
      }
    }
  }

  /** A builder that skips null field values, so optional readings simply stay absent. */
  public static Builder builder(String measurement, long timeMillis) {
    return new Builder(measurement, timeMillis);
  }

  public String tag(String key) {
    return tags.get(key);
  }

  /** Builds a {@link Point}; null field values are left out. */
  public static final class Builder {
    private final String measurement;
    private final long timeMillis;
    private final TreeMap<String, String> tags = new TreeMap<>();
    private final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();

    private Builder(String measurement, long timeMillis) {
      this.measurement = measurement;
      this.timeMillis = timeMillis;
    }

    public Builder tag(String key, String value) {
      if (value != null) {
        tags.put(key, value);
      }
      return this;
    }

    public Builder field(String key, Object value) {
      if (value != null) {
        fields.put(key, value);
      }
      return this;
    }

    public boolean hasFields() {
      return !fields.isEmpty();
    }

    public Point build() {
      return new Point(measurement, tags, fields, timeMillis);
    }
  }
}
