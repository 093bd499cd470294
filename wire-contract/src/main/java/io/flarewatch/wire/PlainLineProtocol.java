package io.flarewatch.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fast check, on the raw bytes, that a body is line protocol in the plain form {@link
 * LineProtocol} writes, with every point carrying one given tag value.
 *
 * <p>Plain means: names of printable ASCII without escapes, quotes or '='; tags in strictly
 * increasing order; numbers without leading zeros, {@code NaN} or long exponents; strings of
 * printable ASCII without escapes; a millisecond timestamp on every line; one point per {@code
 * '\n'}-terminated line and nothing else. {@link LineProtocolParser} accepts every plain body with
 * the same points, and InfluxDB reads it the same, so a plain body can be stored as it came.
 *
 * <p>Anything else, valid or not, is {@link #NOT_PLAIN} and goes to the parser, which decides and
 * names what is wrong: this check only speeds up the common case and never refuses anything.
 */
public final class PlainLineProtocol {

  /** The answer for a body that is not plain (or holds no point). */
  public static final int NOT_PLAIN = -1;

  private static final int MAX_FIELDS = 64;
  private static final int MAX_NUMBER_DIGITS = 20;
  private static final byte[] MAX_INTEGER = bytes(Long.toString(Long.MAX_VALUE));
  private static final int MAX_EXPONENT_DIGITS = 2;
  private static final int MAX_TIMESTAMP_DIGITS = 13;
  private static final byte[][] BOOLEANS = {
    bytes("t"), bytes("T"), bytes("true"), bytes("True"), bytes("TRUE"),
    bytes("f"), bytes("F"), bytes("false"), bytes("False"), bytes("FALSE")
  };

  /** Bytes allowed in names, and in strings, indexed by unsigned byte value. */
  private static final boolean[] NAME_BYTE = new boolean[256];

  private static final boolean[] STRING_BYTE = new boolean[256];

  static {
    for (int c = ' '; c < 0x7f; c++) {
      STRING_BYTE[c] = c != '\\' && c != '"';
      NAME_BYTE[c] = STRING_BYTE[c] && c != ' ' && c != ',' && c != '=';
    }
  }

  private final byte[] body;
  private final int end;
  private final byte[] tagKey;
  private final byte[] tagValue;
  private final int[] fieldKeyStarts = new int[MAX_FIELDS];
  private final int[] fieldKeyEnds = new int[MAX_FIELDS];
  private int i;

  private PlainLineProtocol(byte[] body, int length, String tagKey, String tagValue) {
    this.body = body;
    this.end = length;
    this.tagKey = bytes(tagKey);
    this.tagValue = bytes(tagValue);
  }

  /**
   * The number of points in {@code body[0..length)} when it is plain and every point is tagged
   * {@code tagKey=tagValue}; {@link #NOT_PLAIN} otherwise.
   */
  public static int countPoints(byte[] body, int length, String tagKey, String tagValue) {
    return new PlainLineProtocol(body, length, tagKey, tagValue).countAll();
  }

  private int countAll() {
    int points = 0;
    while (i < end) {
      if (!line()) {
        return NOT_PLAIN;
      }
      points++;
    }
    return points == 0 ? NOT_PLAIN : points;
  }

  private boolean line() {
    if (body[i] == '#' || !name()) {
      return false;
    }
    boolean tagged = false;
    int previousKeyStart = -1;
    int previousKeyEnd = -1;
    while (at(',')) {
      int keyStart = i;
      if (!name()) {
        return false;
      }
      int keyEnd = i;
      if (previousKeyStart >= 0
          && Arrays.compareUnsigned(body, previousKeyStart, previousKeyEnd, body, keyStart, keyEnd)
              >= 0) {
        return false;
      }
      int valueStart = i + 1;
      if (!at('=') || !name()) {
        return false;
      }
      if (same(keyStart, keyEnd, tagKey)) {
        tagged = same(valueStart, i, tagValue);
      }
      previousKeyStart = keyStart;
      previousKeyEnd = keyEnd;
    }
    return tagged && at(' ') && fields() && at(' ') && timestamp() && (i == end || at('\n'));
  }

  private boolean fields() {
    int count = 0;
    do {
      int keyStart = i;
      if (count == MAX_FIELDS || !name()) {
        return false;
      }
      for (int f = 0; f < count; f++) {
        if (Arrays.equals(body, fieldKeyStarts[f], fieldKeyEnds[f], body, keyStart, i)) {
          return false;
        }
      }
      fieldKeyStarts[count] = keyStart;
      fieldKeyEnds[count] = i;
      count++;
      if (!at('=') || !fieldValue()) {
        return false;
      }
    } while (at(','));
    return true;
  }

  /** A measurement, key or tag value: printable ASCII other than space , = \ and ". */
  private boolean name() {
    int start = i;
    int next = start;
    while (next < end && NAME_BYTE[body[next] & 0xff]) {
      next++;
    }
    i = next;
    return next > start;
  }

  private boolean fieldValue() {
    if (i >= end) {
      return false;
    }
    byte c = body[i];
    if (c == '"') {
      return string();
    }
    if (c == 't' || c == 'T' || c == 'f' || c == 'F') {
      return bool();
    }
    return number();
  }

  private boolean string() {
    i++;
    while (i < end && STRING_BYTE[body[i] & 0xff]) {
      i++;
    }
    return at('"');
  }

  private boolean bool() {
    int start = i;
    while (i < end && body[i] != ',' && body[i] != ' ') {
      i++;
    }
    for (byte[] spelling : BOOLEANS) {
      if (same(start, i, spelling)) {
        return true;
      }
    }
    return false;
  }

  /** {@code -?digits} then {@code i}, or {@code -?digits(.digits)?([eE][+-]?d{1,2})?}. */
  private boolean number() {
    at('-');
    int start = i;
    int digits = digits();
    if (digits == 0 || digits > MAX_NUMBER_DIGITS || (digits > 1 && body[start] == '0')) {
      return false;
    }
    if (at('i')) {
      return fitsInLong(start, digits) && valueEnds();
    }
    if (at('.')) {
      int fraction = digits();
      if (fraction == 0 || fraction > MAX_NUMBER_DIGITS) {
        return false;
      }
    }
    if (at('e') || at('E')) {
      if (!at('-')) {
        at('+');
      }
      int exponent = digits();
      if (exponent == 0 || exponent > MAX_EXPONENT_DIGITS) {
        return false;
      }
    }
    return valueEnds();
  }

  /** Up to ±(2^63 − 1): the parser's range, inside InfluxDB's. */
  private boolean fitsInLong(int start, int digits) {
    return digits < MAX_INTEGER.length
        || (digits == MAX_INTEGER.length
            && Arrays.compareUnsigned(
                    body, start, start + digits, MAX_INTEGER, 0, MAX_INTEGER.length)
                <= 0);
  }

  private boolean valueEnds() {
    return i < end && (body[i] == ',' || body[i] == ' ');
  }

  /** Milliseconds since the epoch, within what the parser accepts. */
  private boolean timestamp() {
    int start = i;
    long millis = 0;
    while (i < end && body[i] >= '0' && body[i] <= '9') {
      if (i - start == MAX_TIMESTAMP_DIGITS) {
        return false;
      }
      millis = millis * 10 + (body[i] - '0');
      i++;
    }
    int digits = i - start;
    return digits > 0
        && (digits == 1 || body[start] != '0')
        && millis <= LineProtocolParser.MAX_TIME_MILLIS;
  }

  private int digits() {
    int start = i;
    int next = start;
    while (next < end && body[next] >= '0' && body[next] <= '9') {
      next++;
    }
    i = next;
    return next - start;
  }

  /** Consumes {@code c} if it comes next. */
  private boolean at(char c) {
    if (i < end && body[i] == c) {
      i++;
      return true;
    }
    return false;
  }

  /** Whether the body's bytes {@code [start, stop)} are {@code expected}. */
  private boolean same(int start, int stop, byte[] expected) {
    return Arrays.equals(body, start, stop, expected, 0, expected.length);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
