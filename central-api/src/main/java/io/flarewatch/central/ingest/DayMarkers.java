package io.flarewatch.central.ingest;

import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The "day changed" markers ingest adds to a batch's own write: one {@link Schema#EMISSIONS_1D_DUE}
 * point per UTC day the batch's emissions points fall in, timestamped at the day's start, whose
 * {@code written_at} is central's clock before the write is sent. Being in the same write, a marker
 * is stored whenever the points are, survives any crash and is seen by every replica; a daily
 * rollup computed before it (plus a margin) no longer counts.
 */
final class DayMarkers {

  private static final long DAY_MILLIS = 86_400_000L;
  private static final byte[] EMISSIONS = Schema.EMISSIONS.getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_TIMESTAMP_DIGITS = 19;

  private DayMarkers() {}

  /**
   * The days (start, epoch ms) of the emissions lines of a batch in the plain form; a line without
   * a timestamp is dated {@code nowMillis}, as InfluxDB dates it.
   */
  static SortedSet<Long> ofPlain(byte[] body, int length, long nowMillis) {
    SortedSet<Long> days = new TreeSet<>();
    int start = 0;
    while (start < length) {
      int end = start;
      while (end < length && body[end] != '\n') {
        end++;
      }
      if (isEmissions(body, start, end)) {
        days.add(dayOf(timestamp(body, start, end, nowMillis)));
      }
      start = end + 1;
    }
    return days;
  }

  /** The days (start, epoch ms) of the emissions points among {@code points}. */
  static SortedSet<Long> ofPoints(List<Point> points) {
    SortedSet<Long> days = new TreeSet<>();
    for (Point point : points) {
      if (point.measurement().equals(Schema.EMISSIONS)) {
        days.add(dayOf(point.timeMillis()));
      }
    }
    return days;
  }

  /** The marker points of {@code site} for {@code days}. */
  static List<Point> points(String site, SortedSet<Long> days, long writtenAt) {
    List<Point> markers = new ArrayList<>();
    for (long day : days) {
      markers.add(
          Point.builder(Schema.EMISSIONS_1D_DUE, day)
              .tag(Schema.TAG_SITE, site)
              .field(Schema.FIELD_WRITTEN_AT, writtenAt)
              .build());
    }
    return markers;
  }

  /** The batch followed by its markers, one write. */
  static Buffer withMarkers(Buffer batch, String site, SortedSet<Long> days, long writtenAt) {
    if (days.isEmpty()) {
      return batch;
    }
    String markers = LineProtocol.encode(points(site, days, writtenAt));
    Buffer write = Buffer.buffer(batch.length() + markers.length() + 2);
    write.appendBuffer(batch);
    if (batch.length() > 0 && batch.getByte(batch.length() - 1) != '\n') {
      write.appendByte((byte) '\n');
    }
    return write.appendString(markers, "US-ASCII");
  }

  static long dayOf(long millis) {
    return Math.floorDiv(millis, DAY_MILLIS) * DAY_MILLIS;
  }

  private static boolean isEmissions(byte[] body, int start, int end) {
    if (end - start <= EMISSIONS.length) {
      return false;
    }
    for (int i = 0; i < EMISSIONS.length; i++) {
      if (body[start + i] != EMISSIONS[i]) {
        return false;
      }
    }
    byte next = body[start + EMISSIONS.length];
    return next == ',' || next == ' ';
  }

  /** The line's trailing timestamp (all digits after its last space), else {@code nowMillis}. */
  private static long timestamp(byte[] body, int start, int end, long nowMillis) {
    int last = end;
    while (last > start && (body[last - 1] == '\r' || body[last - 1] == ' ')) {
      last--;
    }
    int first = last;
    while (first > start && body[first - 1] >= '0' && body[first - 1] <= '9') {
      first--;
    }
    boolean negative = first > start && body[first - 1] == '-';
    int signStart = negative ? first - 1 : first;
    if (first == last
        || last - first > MAX_TIMESTAMP_DIGITS
        || signStart == start
        || body[signStart - 1] != ' ') {
      return nowMillis;
    }
    long value = 0;
    for (int i = first; i < last; i++) {
      value = value * 10 + (body[i] - '0');
    }
    return negative ? -value : value;
  }
}
