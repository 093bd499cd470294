package io.flarewatch.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fast check, on the raw bytes, that a body is line protocol in the plain form {@link
 * LineProtocol} writes, that every point keeps the wire contract ({@link Schema}) and carries one
 * given site.
 *
 * <p>Plain means: names of printable ASCII without escapes, quotes or '='; tags in strictly
 * increasing order; numbers without leading zeros, {@code NaN} or long exponents; strings of
 * printable ASCII without escapes; a millisecond timestamp on every line; one point per {@code
 * '\n'}-terminated line and nothing else. {@link LineProtocolParser} accepts every plain body with
 * the same points, and InfluxDB reads it the same, so a plain body can be stored as it came.
 *
 * <p>The contract is checked as the bytes go by: the measurement, each tag key and each field name
 * is looked up by its byte range (no allocation), each value's type must be the one its field has,
 * and the timestamp may not be later than a given limit.
 *
 * <p>Anything else, valid or not, is {@link #NOT_PLAIN} and goes to the parser and {@link
 * Schema#problem}, which decide and name what is wrong: this check only speeds up the common case
 * and never refuses anything.
 */
public final class PlainLineProtocol {

  /** The answer for a body that is not plain, breaks the contract, or holds no point. */
  public static final int NOT_PLAIN = -1;

  private static final int MAX_FIELDS = 64;
  private static final int MAX_TAGS = 31;
  private static final int MAX_NUMBER_DIGITS = 20;
  private static final byte[] MAX_INTEGER = bytes(Long.toString(Long.MAX_VALUE));
  private static final int MAX_EXPONENT_DIGITS = 2;
  private static final int MAX_TIMESTAMP_DIGITS = 13;

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
  private final byte[] site;
  private final long maxTimeMillis;
  private final int[] namedStarts = new int[MAX_FIELDS];
  private final int[] namedEnds = new int[MAX_FIELDS];
  private int i;

  /*
   * The layout seen last: the measurement, and in each position the tag and field key, as a range
   * of the body where it was first found and what the contract made of it. An edge's batch repeats
   * a few layouts, so a key is first looked for as the one in its position, which costs one
   * comparison instead of a scan and a lookup; only a key that differs is looked up and kept.
   */
  private MeasurementContract knownMeasurement;
  private int knownMeasurementStart;
  private int knownMeasurementEnd;
  private final LineKeys tagKeys = new LineKeys(MAX_TAGS);
  private final LineKeys fieldKeys = new LineKeys(MAX_FIELDS);

  private PlainLineProtocol(byte[] body, int length, String site, long maxTimeMillis) {
    this.body = body;
    this.end = length;
    this.site = bytes(site);
    this.maxTimeMillis = Math.min(maxTimeMillis, LineProtocolParser.MAX_TIME_MILLIS);
  }

  /**
   * The number of points in {@code body[0..length)} when it is plain, keeps the wire contract with
   * no timestamp after {@code maxTimeMillis}, and every point is tagged {@code site=<site>}; {@link
   * #NOT_PLAIN} otherwise.
   */
  public static int countPoints(byte[] body, int length, String site, long maxTimeMillis) {
    return new PlainLineProtocol(body, length, site, maxTimeMillis).countAll();
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
    MeasurementContract measurement = measurement();
    if (measurement == null) {
      return false;
    }
    boolean tagged = false;
    int previousTag = -1;
    int seenTags = 0;
    int tags = 0;
    while (at(',')) {
      if (tags == MAX_TAGS) {
        return false;
      }
      int keyStart = i;
      int tag;
      if (repeats(tagKeys, tags, '=')) {
        tag = tagKeys.codes[tags];
      } else if (name()) {
        tag = measurement.tagIndex(body, keyStart, i);
        tagKeys.remember(tags, keyStart, i, tag);
      } else {
        return false;
      }
      tags++;
      if (tag <= previousTag) {
        return false;
      }
      int valueStart = i + 1;
      if (!at('=') || !tagValue()) {
        return false;
      }
      if (tag == measurement.siteTagIndex()) {
        tagged = same(valueStart, i, site);
      }
      previousTag = tag;
      seenTags |= 1 << tag;
    }
    int required = measurement.requiredTagBits();
    return tagged
        && (seenTags & required) == required
        && at(' ')
        && fields(measurement)
        && at(' ')
        && timestamp()
        && (i == end || at('\n'));
  }

  /**
   * The line's measurement. When it is the known one, the known keys are expected; otherwise
   * nothing known is assumed: what keys mean depends on the measurement.
   */
  private MeasurementContract measurement() {
    if (knownMeasurement != null && repeats(knownMeasurementStart, knownMeasurementEnd, ',')) {
      return knownMeasurement;
    }
    int start = i;
    if (body[i] == '#' || !name()) {
      return null;
    }
    MeasurementContract measurement = Schema.measurement(body, start, i);
    if (measurement != null && measurement.checksValues()) {
      return null;
    }
    if (measurement != null) {
      knownMeasurement = measurement;
      knownMeasurementStart = start;
      knownMeasurementEnd = i;
      tagKeys.count = 0;
      fieldKeys.count = 0;
    }
    return measurement;
  }

  /**
   * The fields: each known to the contract, with a value of its type, none twice. A fixed field is
   * told apart by its index (one bit each); only fields named by a register map or the methodology
   * are compared with each other.
   */
  private boolean fields(MeasurementContract measurement) {
    long fixedSeen = 0;
    int named = 0;
    int count = 0;
    do {
      if (count == MAX_FIELDS) {
        return false;
      }
      int keyStart = i;
      int field;
      if (repeats(fieldKeys, count, '=')) {
        field = fieldKeys.codes[count];
      } else if (name()) {
        field = measurement.fieldIndex(body, keyStart, i);
        fieldKeys.remember(count, keyStart, i, field);
      } else {
        return false;
      }
      count++;
      FieldType type;
      if (field >= 0) {
        long bit = 1L << field;
        if ((fixedSeen & bit) != 0) {
          return false;
        }
        fixedSeen |= bit;
        type = measurement.fixedFieldType(field);
      } else if (field == MeasurementContract.NAMED_FIELD) {
        for (int f = 0; f < named; f++) {
          if (Arrays.equals(body, namedStarts[f], namedEnds[f], body, keyStart, i)) {
            return false;
          }
        }
        namedStarts[named] = keyStart;
        namedEnds[named] = i;
        named++;
        type = measurement.namedFieldType();
      } else {
        return false;
      }
      if (!at('=') || !fieldValue(type)) {
        return false;
      }
    } while (at(','));
    return true;
  }

  /** Whether the known key in position {@code k} comes next, followed by {@code delimiter}. */
  private boolean repeats(LineKeys known, int k, char delimiter) {
    return k < known.count && repeats(known.starts[k], known.ends[k], delimiter);
  }

  /**
   * Whether the bytes {@code body[start, stop)} (a name the check already accepted) come next,
   * followed by {@code delimiter}; if so, consumes them.
   */
  private boolean repeats(int start, int stop, char delimiter) {
    int length = stop - start;
    int next = i + length;
    if (next >= end || body[next] != delimiter || !ByteNames.same(body, start, body, i, length)) {
      return false;
    }
    i = next;
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

  /** A tag value: as a name, at most {@link MeasurementContract#MAX_TAG_VALUE_CHARS} long. */
  private boolean tagValue() {
    int start = i;
    return name() && i - start <= MeasurementContract.MAX_TAG_VALUE_CHARS;
  }

  private boolean fieldValue(FieldType type) {
    if (i >= end) {
      return false;
    }
    return switch (type) {
      case STRING -> body[i] == '"' && string();
      case FLOAT, INTEGER -> number() == type;
      case BOOLEAN -> false;
    };
  }

  private boolean string() {
    int start = ++i;
    while (i < end && STRING_BYTE[body[i] & 0xff]) {
      i++;
    }
    return i - start <= MeasurementContract.MAX_STRING_CHARS && at('"');
  }

  /**
   * {@code -?digits} then {@code i} (an integer), or {@code -?digits(.digits)?([eE][+-]?d{1,2})?}
   * (a float); null for anything else.
   */
  private FieldType number() {
    at('-');
    int start = i;
    int digits = digits();
    if (digits == 0 || digits > MAX_NUMBER_DIGITS || (digits > 1 && body[start] == '0')) {
      return null;
    }
    if (at('i')) {
      return fitsInLong(start, digits) && valueEnds() ? FieldType.INTEGER : null;
    }
    if (at('.')) {
      int fraction = digits();
      if (fraction == 0 || fraction > MAX_NUMBER_DIGITS) {
        return null;
      }
    }
    if (at('e') || at('E')) {
      if (!at('-')) {
        at('+');
      }
      int exponent = digits();
      if (exponent == 0 || exponent > MAX_EXPONENT_DIGITS) {
        return null;
      }
    }
    return valueEnds() ? FieldType.FLOAT : null;
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

  /** Milliseconds since the epoch, within what the parser accepts and no later than the limit. */
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
    return digits > 0 && (digits == 1 || body[start] != '0') && millis <= maxTimeMillis;
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
