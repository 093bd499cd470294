package io.flarewatch.central.app;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.ingest.SampleNotices;
import io.flarewatch.central.query.SiteDetailHandler;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/sites/{site}/live}: server-sent events ({@code text/event-stream}) with the
 * site's latest cycle, the same JSON as {@code GET /api/v1/sites/{site}}, as event {@code site}.
 *
 * <p>It sends the latest state at once, then again whenever it changed: ingest's notice that the
 * site's samples were stored ({@link SampleNotices}, from any replica when they are clustered)
 * triggers a read at once, and a read every poll interval of the site catches what a notice missed.
 * A read starts only when none is in flight, and an unchanged summary is not sent again. A comment
 * line every {@value #KEEP_ALIVE_SECONDS} s keeps proxies from closing a quiet stream. The stream
 * ends after {@code maxStreamSeconds}; the client reconnects with its token, so an expired or
 * revoked token ends the live view within that time. When central stops, the stream ends at once
 * rather than holding the server's shutdown grace, and the browser reconnects (to another replica,
 * or to this one once it is back).
 */
public final class LiveSiteHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSiteHandler.class);
  static final int KEEP_ALIVE_SECONDS = 15;

  private final SiteDetailHandler detail;
  private final long maxStreamMillis;

  public LiveSiteHandler(SiteDetailHandler detail, long maxStreamMillis) {
    this.detail = detail;
    this.maxStreamMillis = maxStreamMillis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    SiteConfig site = SitePath.site(ctx);
    QueryParameters.of(ctx, Set.of());
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        // each event must leave at once, not wait in a compressor's buffer
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY)
        .putHeader("X-Accel-Buffering", "no");
    Stream stream = new Stream(ctx.vertx(), site, response);
    stream.start();
    // the server is stopping: end the stream so the client reconnects, not after the grace
    ctx.request().connection().shutdownHandler(v -> stream.end());
  }

  /** One client's stream. */
  private final class Stream {
    private final Vertx vertx;
    private final SiteConfig site;
    private final HttpServerResponse response;
    private MessageConsumer<Integer> notices;
    private long pollTimer;
    private long keepAliveTimer;
    private long endTimer;
    private boolean reading;
    private boolean readAgain;
    private String readAgainAfter;
    private boolean closed;
    private Object lastSummary;

    Stream(Vertx vertx, SiteConfig site, HttpServerResponse response) {
      this.vertx = vertx;
      this.site = site;
      this.response = response;
    }

    void start() {
      response.closeHandler(v -> close());
      response.exceptionHandler(e -> close());
      response.write("retry: 3000\n\n");
      notices = SampleNotices.listen(vertx, site.id(), this::readAfter);
      pollTimer = vertx.setPeriodic(site.pollIntervalSeconds() * 1000L, t -> read());
      keepAliveTimer = vertx.setPeriodic(KEEP_ALIVE_SECONDS * 1000L, t -> write(": alive\n\n"));
      endTimer = vertx.setTimer(maxStreamMillis, t -> end());
      read();
    }

    private void read() {
      readAfter(null);
    }

    /** Reads the latest state, one that includes the stored samples of {@code notice} if any. */
    private void readAfter(String notice) {
      if (closed) {
        return;
      }
      if (reading) {
        readAgain = true;
        readAgainAfter = notice == null ? readAgainAfter : notice;
        return;
      }
      reading = true;
      Future<JsonObject> latest = detail.latest(site, notice);
      latest.onComplete(
          result -> {
            reading = false;
            if (result.succeeded()) {
              send(result.result());
            } else {
              LOG.warn("live view of {} could not read: {}", site.id(), result.cause().toString());
            }
            if (readAgain) {
              readAgain = false;
              String after = readAgainAfter;
              readAgainAfter = null;
              readAfter(after);
            }
          });
    }

    private void send(JsonObject state) {
      Object summary = state.getValue("summary");
      if (lastSummary != null && Objects.equals(lastSummary, summary)) {
        return;
      }
      lastSummary = summary;
      write("event: site\ndata: " + state.encode() + "\n\n");
    }

    private void write(String text) {
      if (!closed && !response.writeQueueFull()) {
        response.write(text);
      }
    }

    private void end() {
      if (!closed) {
        close();
        response.end();
      }
    }

    private void close() {
      if (closed) {
        return;
      }
      closed = true;
      vertx.cancelTimer(pollTimer);
      vertx.cancelTimer(keepAliveTimer);
      vertx.cancelTimer(endTimer);
      notices.unregister();
    }
  }
}
