package io.flarewatch.wire;

import java.util.Map;

/** Encodes points as InfluxDB line protocol with millisecond timestamps ({@code precision=ms}). */
public final class LineProtocol {

  /** The precision parameter that goes with these timestamps on InfluxDB's /write. */
  public static final String PRECISION = "ms";

  private LineProtocol() {}

  public static String encode(Point point) {
    StringBuilder line = new StringBuilder(128);
    appendTo(line, point);
    return line.toString();
  }

  /** Encodes points one per line, each line ending in '\n'. */
  public static String encode(Iterable<Point> points) {
    StringBuilder body = new StringBuilder();
    for (Point point : points) {
      appendTo(body, point);
      body.append('\n');
    }
    return body.toString();
  }

  public static void appendTo(StringBuilder line, Point point) {
    escape(line, point.measurement(), ", ");
    for (Map.Entry<String, String> tag : point.tags().entrySet()) {
      line.append(',');
      escape(line, tag.getKey(), ",= ");
      line.append('=');
      escape(line, tag.getValue(), ",= ");
    }
    line.append(' ');
    boolean first = true;
    for (Map.Entry<String, Object> field : point.fields().entrySet()) {
      if (!first) {
        line.append(',');
      }
      first = false;
      escape(line, field.getKey(), ",= ");
      line.append('=');
      appendFieldValue(line, field.getValue());
    }
    line.append(' ').append(point.timeMillis());
  }

  private static void appendFieldValue(StringBuilder line, Object value) {
    if (value instanceof Double d) {
      line.append(formatDouble(d));
    } else if (value instanceof Long l) {
      line.append(l).append('i');
    } else if (value instanceof Boolean b) {
      line.append(b ? 't' : 'f');
    } else {
      line.append('"');
      escape(line, (String) value, "\"\\");
      line.append('"');
    }
  }

  /** Shortest text that reads back as the same double; integral values without ".0". */
  static String formatDouble(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static void escape(StringBuilder out, String text, String special) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        throw new IllegalArgumentException("line protocol text cannot hold a line break: " + text);
      }
      if (special.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
  }
}
