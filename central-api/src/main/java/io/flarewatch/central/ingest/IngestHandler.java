package io.flarewatch.central.ingest;

import static io.flarewatch.wire.LineProtocolException.excerpt;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.IngestConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.reports.rollups.DaysChanged;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /api/v1/sites/{site}/samples}: a batch of line protocol from a site's edge.
 *
 * <p>Mounted ahead of any body handler, so the request is judged from its head before one byte of
 * its body is read: the site token (401/403), the content type and encoding (415), the declared
 * length (413), and a free decoding slot (503 with Retry-After; at most {@code
 * ingest.maxConcurrentDecodes} bodies are read and checked at once). A refused body is never kept
 * ({@link EarlyAnswer}). Then the body is read up to {@code http.maxBodyBytes} as sent, inflated
 * (gzip) up to {@code ingest.maxInflatedBytes}, and checked against the wire contract ({@link
 * CheckedBatch}) on a worker thread.
 *
 * <p>The batch is accepted whole or rejected whole. The reply is 200 only after InfluxDB stored the
 * batch, 503 with Retry-After when it is unavailable: the edge keeps the batch until it sees the
 * 200.
 */
public final class IngestHandler implements Handler<RoutingContext> {

  /** Context key: how many points the batch held once parsed (for central's metrics). */
  public static final String PARSED_POINTS = "flarewatch.ingest.parsedPoints";

  private static final int BUSY_RETRY_AFTER_SECONDS = 1;

  private final SiteIngestAuth auth;
  private final InfluxClient influx;
  private final Clock clock;
  private final int maxBodyBytes;
  private final IngestConfig limits;
  private final Semaphore decodes;

  public IngestHandler(CentralConfig config, InfluxClient influx, Clock clock) {
    this.auth = new SiteIngestAuth(config);
    this.influx = influx;
    this.clock = clock;
    this.maxBodyBytes = (int) (long) config.http().maxBodyBytes();
    this.limits = config.ingest();
    this.decodes = new Semaphore(limits.maxConcurrentDecodes());
  }

  @Override
  public void handle(RoutingContext ctx) {
    String siteId = ctx.pathParam("site");
    boolean gzip;
    try {
      auth.authorize(ctx.request(), siteId);
      gzip = gzipEncoded(ctx.request());
      requireDeclaredLengthWithinLimit(ctx.request());
      if (!decodes.tryAcquire()) {
        throw busy();
      }
    } catch (ApiException refused) {
      if (refused.status() == 401) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
      }
      EarlyAnswer.fail(ctx, refused, maxBodyBytes);
      return;
    }
    long skewMillis = limits.maxFutureSkewSeconds() * 1000L;
    BoundedBody.read(ctx.vertx(), ctx.request(), maxBodyBytes, limits.bodyTimeoutSeconds() * 1000L)
        .compose(
            body ->
                ctx.vertx()
                    .executeBlocking(
                        () ->
                            CheckedBatch.of(
                                siteId,
                                gzip ? GzipBody.inflate(body, maxInflatedBytes()) : body,
                                clock.millis(),
                                skewMillis,
                                parsed -> ctx.put(PARSED_POINTS, parsed)),
                        false))
        .andThen(decoded -> decodes.release())
        .compose(batch -> store(ctx, siteId, batch))
        .andThen(
            stored -> {
              if (stored.succeeded()) {
                SampleNotices.stored(ctx.vertx(), siteId, stored.result());
              }
            })
        .map(points -> new JsonObject().put("accepted", points))
        .onComplete(
            result -> {
              if (result.failed() && !ctx.request().isEnded()) {
                EarlyAnswer.fail(ctx, result.cause(), maxBodyBytes);
              } else if (result.failed()) {
                ctx.fail(result.cause());
              } else {
                ctx.json(result.result());
              }
            });
  }

  /**
   * Writes the batch with a marker per UTC day its emissions points touch ({@link DayMarkers}), in
   * one write; once stored, tells this process's roller which days changed.
   */
  private Future<Integer> store(RoutingContext ctx, String siteId, CheckedBatch batch) {
    long writtenAt = clock.millis();
    return influx
        .write(
            DayMarkers.withMarkers(batch.lineProtocol(), siteId, batch.emissionsDays(), writtenAt))
        .map(
            stored -> {
              DaysChanged.publish(ctx.vertx(), siteId, batch.emissionsDays(), writtenAt);
              return batch.points();
            });
  }

  private int maxInflatedBytes() {
    return (int) (long) limits.maxInflatedBytes();
  }

  /** Samples are line protocol as text/plain, sent as they are or gzipped. */
  private static boolean gzipEncoded(HttpServerRequest request) {
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.startsWith("text/plain")) {
      throw new ApiException(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "Samples must be InfluxDB line protocol sent as text/plain; got "
              + (contentType == null ? "no Content-Type" : excerpt(contentType))
              + ".");
    }
    String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    if (encoding == null) {
      return false;
    }
    switch (encoding.strip().toLowerCase(Locale.ROOT)) {
      case "identity":
        return false;
      case "gzip", "x-gzip":
        return true;
      default:
        throw new ApiException(
            415,
            "unsupported-media-type",
            "Unsupported media type",
            "Content-Encoding '"
                + excerpt(encoding)
                + "' is not supported: send gzip or identity.");
    }
  }

  private void requireDeclaredLengthWithinLimit(HttpServerRequest request) {
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared == null) {
      return;
    }
    try {
      if (Long.parseLong(declared.strip()) > maxBodyBytes) {
        throw BoundedBody.tooLarge(maxBodyBytes);
      }
    } catch (NumberFormatException notANumber) {
      throw ApiException.badRequest("bad-request", "Content-Length is not a number.");
    }
  }

  private static ApiException busy() {
    return new ApiException(
        503,
        "ingest-busy",
        "Ingest busy",
        "Central is checking as many batches as it may at once; retry shortly.",
        BUSY_RETRY_AFTER_SECONDS,
        null);
  }
}
