package io.flarewatch.central.ingest;

import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.JsonReply;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.LineProtocolException;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.PlainLineProtocol;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * {@code POST /api/v1/sites/{site}/samples}: a batch of line protocol from a site's edge.
 *
 * <p>The batch is accepted whole or rejected whole, and every point must carry the site's own
 * {@code site} tag. A batch in the plain form the edge writes ({@link PlainLineProtocol}) is stored
 * as it came; any other batch is parsed and its points are written re-encoded, so only what was
 * parsed reaches storage. The reply is 200 only after InfluxDB stored the batch, 503 with
 * Retry-After when it is unavailable: the edge keeps the batch until it sees the 200.
 */
public final class IngestHandler implements Handler<RoutingContext> {

  /** Context key: how many points the batch held once parsed (for central's metrics). */
  public static final String PARSED_POINTS = "flarewatch.ingest.parsedPoints";

  private final SiteIngestAuth auth;
  private final InfluxClient influx;

  public IngestHandler(SiteIngestAuth auth, InfluxClient influx) {
    this.auth = auth;
    this.influx = influx;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String siteId = ctx.pathParam("site");
    auth.authorize(ctx, siteId);
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.startsWith("text/plain")) {
      throw new ApiException(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "Samples must be InfluxDB line protocol sent as text/plain; got " + contentType + ".");
    }
    Buffer body = ctx.body().buffer();
    ctx.vertx()
        .executeBlocking(
            () -> CheckedBatch.of(siteId, body, parsed -> ctx.put(PARSED_POINTS, parsed)), false)
        .compose(batch -> influx.write(batch.lineProtocol()).map(batch.points()))
        .map(points -> new JsonObject().put("accepted", points))
        .onComplete(JsonReply.to(ctx));
  }

  /**
   * A batch whose every point carries the site, ready for InfluxDB. Checking runs on a worker
   * thread, so large batches never hold up an event loop and several batches are checked in
   * parallel.
   */
  private record CheckedBatch(Buffer lineProtocol, int points) {

    /**
     * Checks a batch; {@code parsed} learns the number of points as soon as it parsed, also when
     * the site check then refuses it (the worker's completion publishes it to the event loop).
     */
    static CheckedBatch of(String siteId, Buffer body, IntConsumer parsed) {
      byte[] bytes = body == null ? new byte[0] : body.getBytes();
      int plainPoints = PlainLineProtocol.countPoints(bytes, bytes.length, Schema.TAG_SITE, siteId);
      if (plainPoints != PlainLineProtocol.NOT_PLAIN) {
        parsed.accept(plainPoints);
        return new CheckedBatch(body, plainPoints);
      }
      List<Point> points = parse(bytes);
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
      return new CheckedBatch(Buffer.buffer(LineProtocol.encode(points)), points.size());
    }
  }

  private static List<Point> parse(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("empty-batch", "The request body holds no line protocol.");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("bad-line-protocol", "The body is not valid UTF-8.");
    }
    try {
      List<Point> points = LineProtocolParser.parse(text);
      if (points.isEmpty()) {
        throw ApiException.badRequest("empty-batch", "The request body holds no points.");
      }
      return points;
    } catch (LineProtocolException e) {
      throw ApiException.badRequest("bad-line-protocol", e.getMessage());
    }
  }
}
