package io.flarewatch.central.ingest;

import io.flarewatch.central.http.ApiException;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.LineProtocolException;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.PlainLineProtocol;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedSet;
import java.util.function.IntConsumer;

/**
 * A batch that keeps the wire contract ({@link Schema}) and whose every point carries the site,
 * ready for InfluxDB. A batch in the plain form the edge writes ({@link PlainLineProtocol}) is
 * checked in one pass and stored as it came; any other is parsed, checked point by point, and its
 * points are re-encoded, so only what was parsed reaches storage. Checking is CPU work: it runs on
 * a worker thread, so large batches never hold up an event loop.
 *
 * @param lineProtocol what to write
 * @param points how many points it holds
 * @param emissionsDays the UTC days (start, epoch ms) its emissions points fall in
 */
record CheckedBatch(Buffer lineProtocol, int points, SortedSet<Long> emissionsDays) {

  /**
   * Checks a batch; {@code parsed} learns the number of points as soon as it parsed, also when the
   * site check then refuses it (the worker's completion publishes it to the event loop).
   *
   * @param nowMillis central's clock
   * @param maxFutureSkewMillis how far ahead of it a point may be dated
   */
  static CheckedBatch of(
      String siteId,
      BoundedBody body,
      long nowMillis,
      long maxFutureSkewMillis,
      IntConsumer parsed) {
    int plainPoints =
        PlainLineProtocol.countPoints(
            body.bytes(), body.length(), siteId, nowMillis + maxFutureSkewMillis);
    if (plainPoints != PlainLineProtocol.NOT_PLAIN) {
      parsed.accept(plainPoints);
      return new CheckedBatch(
          body.buffer(), plainPoints, DayMarkers.ofPlain(body.bytes(), body.length(), nowMillis));
    }
    List<Point> points = parse(body, nowMillis, maxFutureSkewMillis);
    parsed.accept(points.size());
    for (int i = 0; i < points.size(); i++) {
      String tagged = points.get(i).tag(Schema.TAG_SITE);
      if (!siteId.equals(tagged)) {
        throw ApiException.forbidden(
            "Point "
                + (i + 1)
                + " is tagged site="
                + tagged
                + "; this request may write only site="
                + siteId
                + ".");
      }
    }
    return new CheckedBatch(
        Buffer.buffer(LineProtocol.encode(points)), points.size(), DayMarkers.ofPoints(points));
  }

  private static List<Point> parse(BoundedBody body, long nowMillis, long maxFutureSkewMillis) {
    if (body.length() == 0) {
      throw ApiException.badRequest("empty-batch", "The request body holds no line protocol.");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body.bytes(), 0, body.length()))
              .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("bad-line-protocol", "The body is not valid UTF-8.");
    }
    try {
      List<Point> points =
          LineProtocolParser.parse(
              text, point -> Schema.problem(point, nowMillis, maxFutureSkewMillis));
      if (points.isEmpty()) {
        throw ApiException.badRequest("empty-batch", "The request body holds no points.");
      }
      return points;
    } catch (LineProtocolException e) {
      throw ApiException.badRequest("bad-line-protocol", e.getMessage());
    }
  }
}
