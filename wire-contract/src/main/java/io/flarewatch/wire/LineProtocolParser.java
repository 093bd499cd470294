package io.flarewatch.wire;

import static io.flarewatch.wire.LineProtocolException.excerpt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A strict reader of the line protocol the edge sends: every line must carry a measurement, at
 * least one field and a millisecond timestamp. Blank lines and {@code #} comments are skipped. The
 * first bad line fails the whole body with a {@link LineProtocolException} naming the line, so a
 * batch is either accepted whole or rejected whole.
 */
public final class LineProtocolParser {

  /** Smallest and largest timestamps accepted (1970 to 2262, InfluxDB's nanosecond range). */
  static final long MAX_TIME_MILLIS = Long.MAX_VALUE / 1_000_000L;

  private final String text;
  private final Function<Point, String> rule;
  private int pos;
  private int lineNumber;

  private LineProtocolParser(String text, Function<Point, String> rule) {
    this.text = text;
    this.rule = rule;
  }

  public static List<Point> parse(String body) {
    return new LineProtocolParser(body, point -> null).parseAll();
  }

  /**
   * Parses and holds every point to a rule, e.g. the wire contract ({@link Schema#problem}): the
   * rule answers why a point is refused, or null, and the first refusal fails the whole body with a
   * {@link LineProtocolException} naming the line.
   */
  public static List<Point> parse(String body, Function<Point, String> rule) {
    return new LineProtocolParser(body, rule).parseAll();
  }

  /**
   * How many fields a line holds, counted without building its point (over ten times faster than
   * parsing it). Exact for every line {@link #parse} accepts; for other text, some number.
   */
  public static int fieldCount(String line) {
    int i = skipToken(line, 0, Token.MEASUREMENT);
    while (i < line.length() && line.charAt(i) == ',') {
      i = skipToken(line, i + 1, Token.TAG_KEY) + 1;
      i = skipToken(line, i, Token.TAG_VALUE);
    }
    int fields = 0;
    while (i < line.length() && (fields == 0 || line.charAt(i) == ',')) {
      fields++;
      i = skipToken(line, i + 1, Token.FIELD_KEY) + 1;
      i = skipFieldValue(line, i);
    }
    return fields;
  }

  /** Where the unquoted token starting at {@code i} ends, by the parser's escaping rules. */
  private static int skipToken(String line, int i, Token kind) {
    while (i < line.length() && !kind.stopsAt(line.charAt(i))) {
      boolean escape =
          line.charAt(i) == '\\' && i + 1 < line.length() && kind.escapes(line.charAt(i + 1));
      i += escape ? 2 : 1;
    }
    return i;
  }

  private static int skipFieldValue(String line, int i) {
    if (i < line.length() && line.charAt(i) == '"') {
      i++;
      while (i < line.length() && line.charAt(i) != '"') {
        boolean escape =
            line.charAt(i) == '\\'
                && i + 1 < line.length()
                && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\');
        i += escape ? 2 : 1;
      }
      return i + 1;
    }
    while (i < line.length() && line.charAt(i) != ',' && line.charAt(i) != ' ') {
      i++;
    }
    return i;
  }

  private List<Point> parseAll() {
    List<Point> points = new ArrayList<>();
    while (pos < text.length()) {
      lineNumber++;
      int end = text.indexOf('\n', pos);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(pos, end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      pos = end + 1;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      rejectControlCharacters(line, lineNumber);
      Point point = new LineReader(line, lineNumber).read();
      String problem = rule.apply(point);
      if (problem != null) {
        throw new LineProtocolException(lineNumber, problem);
      }
      points.add(point);
    }
    return points;
  }

  private static void rejectControlCharacters(String line, int lineNumber) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new LineProtocolException(
            lineNumber, String.format("control character U+%04X at column %d", (int) c, i + 1));
      }
    }
  }

  /** The kinds of unquoted token, with where each ends and what a backslash escapes in it. */
  private enum Token {
    MEASUREMENT(false),
    TAG_KEY(true),
    TAG_VALUE(false),
    FIELD_KEY(true);

    private final boolean endsAtEquals;

    Token(boolean endsAtEquals) {
      this.endsAtEquals = endsAtEquals;
    }

    boolean stopsAt(char c) {
      return c == ',' || c == ' ' || (endsAtEquals && c == '=');
    }

    boolean escapes(char c) {
      return c == ',' || c == ' ' || (c == '=' && this != MEASUREMENT);
    }

    String describe(String tagKey) {
      return switch (this) {
        case MEASUREMENT -> "measurement";
        case TAG_KEY -> "tag key";
        case TAG_VALUE -> "value of tag '" + excerpt(tagKey) + "'";
        case FIELD_KEY -> "field key";
      };
    }
  }

  /** Reads one line. */
  private static final class LineReader {
    private final String line;
    private final int lineNumber;
    private int i;

    LineReader(String line, int lineNumber) {
      this.line = line;
      this.lineNumber = lineNumber;
    }

    Point read() {
      String measurement = token(Token.MEASUREMENT, null);
      TreeMap<String, String> tags = new TreeMap<>();
      while (i < line.length() && line.charAt(i) == ',') {
        i++;
        String key = token(Token.TAG_KEY, null);
        expect('=', "'=' after tag key '" + excerpt(key) + "'");
        String value = token(Token.TAG_VALUE, key);
        if (tags.put(key, value) != null) {
          throw fail("tag '" + excerpt(key) + "' appears twice");
        }
      }
      expect(' ', "a space before the fields");
      LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
      do {
        if (!fields.isEmpty()) {
          i++;
        }
        String key = token(Token.FIELD_KEY, null);
        expect('=', "'=' after field key '" + excerpt(key) + "'");
        Object value = fieldValue(key);
        if (fields.put(key, value) != null) {
          throw fail("field '" + excerpt(key) + "' appears twice");
        }
      } while (i < line.length() && line.charAt(i) == ',');
      if (i >= line.length()) {
        throw fail("missing timestamp (milliseconds since the epoch)");
      }
      expect(' ', "a space before the timestamp");
      long time = timestamp(line.substring(i).trim());
      try {
        return new Point(measurement, tags, fields, time);
      } catch (IllegalArgumentException e) {
        throw fail(e.getMessage());
      }
    }

    /**
     * A measurement, key or tag value: up to a comma or space (or, in keys, an equals sign). As in
     * InfluxDB, a backslash escapes only a following comma, space or (except in a measurement)
     * equals sign; anywhere else it is a plain backslash.
     */
    private String token(Token kind, String tagKey) {
      int start = i;
      i = skipToken(line, start, kind);
      if (i == start) {
        throw fail("empty " + kind.describe(tagKey) + " at column " + (i + 1));
      }
      String raw = line.substring(start, i);
      return raw.indexOf('\\') < 0 ? raw : unescape(raw, kind);
    }

    private static String unescape(String raw, Token kind) {
      StringBuilder out = new StringBuilder(raw.length());
      for (int k = 0; k < raw.length(); k++) {
        char c = raw.charAt(k);
        if (c == '\\' && k + 1 < raw.length() && kind.escapes(raw.charAt(k + 1))) {
          c = raw.charAt(++k);
        }
        out.append(c);
      }
      return out.toString();
    }

    private void expect(char c, String what) {
      if (i >= line.length() || line.charAt(i) != c) {
        throw fail("expected " + what + " at column " + (i + 1));
      }
      i++;
    }

    private Object fieldValue(String key) {
      if (i < line.length() && line.charAt(i) == '"') {
        return quotedString(key);
      }
      int start = i;
      while (i < line.length() && line.charAt(i) != ',' && line.charAt(i) != ' ') {
        i++;
      }
      String raw = line.substring(start, i);
      if (raw.isEmpty()) {
        throw fail("field '" + excerpt(key) + "' has no value");
      }
      switch (raw) {
        case "t", "T", "true", "True", "TRUE":
          return Boolean.TRUE;
        case "f", "F", "false", "False", "FALSE":
          return Boolean.FALSE;
        default:
          break;
      }
      try {
        if (raw.endsWith("i")) {
          return Long.parseLong(raw.substring(0, raw.length() - 1));
        }
        if (!isPlainDecimal(raw)) {
          throw new NumberFormatException();
        }
        double d = Double.parseDouble(raw);
        if (!Double.isFinite(d)) {
          throw fail("field '" + excerpt(key) + "' is out of range: " + excerpt(raw));
        }
        return d;
      } catch (NumberFormatException e) {
        throw fail("field '" + excerpt(key) + "' has an invalid value: " + excerpt(raw));
      }
    }

    private String quotedString(String key) {
      i++;
      StringBuilder out = new StringBuilder();
      while (i < line.length()) {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < line.length()) {
          char next = line.charAt(i + 1);
          if (next == '"' || next == '\\') {
            out.append(next);
            i += 2;
            continue;
          }
        }
        if (c == '"') {
          i++;
          return out.toString();
        }
        out.append(c);
        i++;
      }
      throw fail("string field '" + excerpt(key) + "' has no closing quote");
    }

    private long timestamp(String raw) {
      try {
        long t = Long.parseLong(raw);
        if (t < 0 || t > MAX_TIME_MILLIS) {
          throw fail("timestamp " + raw + " is outside 1970..2262 in milliseconds");
        }
        return t;
      } catch (NumberFormatException e) {
        throw fail("timestamp is not an integer number of milliseconds: " + excerpt(raw));
      }
    }

    /**
     * Only digits, sign, point and exponent: keeps out what Java's parser would also take (NaN,
     * Infinity, hex, a trailing 'd' or 'f', spaces); the number's form is then checked by {@link
     * Double#parseDouble}.
     */
    private static boolean isPlainDecimal(String raw) {
      for (int k = 0; k < raw.length(); k++) {
        char c = raw.charAt(k);
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) {
          return false;
        }
      }
      return true;
    }

    private LineProtocolException fail(String problem) {
      return new LineProtocolException(lineNumber, problem);
    }
  }
}
