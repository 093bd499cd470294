package io.flarewatch.edge.uplink;

import io.flarewatch.edge.buffer.Batch;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.config.CentralLink;
import io.flarewatch.edge.config.UplinkConfig;
import io.flarewatch.wire.LineProtocolParser;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the sample buffer to central, one gzip batch at a time: live lines first, so dashboards
 * show the present at once after an outage, then the backlog oldest first, throttled to {@code
 * catchUpFactor} times real time so central is not flooded.
 *
 * <p>A batch leaves the buffer only after central answered 200, and central answers 200 only after
 * InfluxDB stored it. If the edge dies between central's store and the removal, the batch is sent
 * again after restart; that is harmless because every line carries the timestamp it was collected
 * with, and InfluxDB keeps one point per measurement + tags + timestamp.
 *
 * <p>Failures back off with jitter (at least central's Retry-After). A batch central rejects as
 * malformed is halved until the bad line is found; that line is set aside, counted and logged, and
 * the rest goes on.
 */
public final class UplinkVerticle extends VerticleBase {

  /** Event bus address the poller signals after appending, to wake an idle uplink. */
  public static final String SAMPLES_APPENDED = "flarewatch.edge.samples-appended";

  private static final Logger LOG = LoggerFactory.getLogger(UplinkVerticle.class);
  private static final long IDLE_POLL_MILLIS = 1_000;

  private final String site;
  private final CentralLink central;
  private final UplinkConfig config;
  private final BufferExecutor buffer;
  private final UplinkStats stats;
  private final Clock clock;
  private final Backoff backoff;
  private final String samplesPath;
  private WebClient client;
  private MessageConsumer<Object> wakeUps;
  private int batchLines;
  private boolean running;
  private boolean idle;
  private long backlogNotBefore;
  private long idleTimer = -1;

  public UplinkVerticle(
      String site,
      CentralLink central,
      UplinkConfig config,
      BufferExecutor buffer,
      UplinkStats stats,
      Clock clock) {
    this.site = site;
    this.clock = clock;
    this.central = central;
    this.config = config;
    this.buffer = buffer;
    this.stats = stats;
    this.backoff =
        new Backoff(
            config.minBackoffMillis(), config.maxBackoffMillis(), RandomGenerator.getDefault());
    this.batchLines = config.batchMaxLines();
    this.samplesPath =
        central.url().getPath().replaceAll("/+$", "") + "/api/v1/sites/" + site + "/samples";
  }

  @Override
  public Future<?> start() {
    WebClientOptions options =
        new WebClientOptions()
            .setDefaultHost(central.url().getHost())
            .setDefaultPort(central.port())
            .setSsl(central.ssl())
            .setConnectTimeout(5_000)
            .setKeepAlive(true);
    if (central.caCertPath() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(central.caCertPath().toString()));
    }
    client = WebClient.create(vertx, options);
    running = true;
    wakeUps = vertx.eventBus().localConsumer(SAMPLES_APPENDED, message -> wakeUp());
    vertx.runOnContext(v -> sendNext());
    return wakeUps.completion();
  }

  @Override
  public Future<?> stop() {
    running = false;
    client.close();
    return wakeUps.unregister();
  }

  private void wakeUp() {
    if (idle) {
      idle = false;
      vertx.cancelTimer(idleTimer);
      sendNext();
    }
  }

  /**
   * Live lines first (appended within the live window, newest batch first), then the backlog oldest
   * first, no faster than {@code catchUpFactor} times the pace it was collected at.
   */
  private void sendNext() {
    if (!running) {
      return;
    }
    long now = clock.millis();
    buffer
        .newest(batchLines, now - config.liveWindowMillis())
        .compose(live -> live.isEmpty() ? sendBacklog(now) : send(live))
        .otherwise(failure -> Outcome.retry(0, failure.getMessage()))
        .onSuccess(this::next);
  }

  private Future<Outcome> sendBacklog(long now) {
    if (now < backlogNotBefore) {
      return Future.succeededFuture(Outcome.waitFor(backlogNotBefore - now));
    }
    return buffer
        .oldest(batchLines)
        .compose(
            backlog -> {
              if (backlog.isEmpty()) {
                return Future.succeededFuture(Outcome.waitFor(IDLE_POLL_MILLIS));
              }
              return send(backlog)
                  .map(
                      outcome -> {
                        if (outcome.kind() == Outcome.Kind.SENT) {
                          backlogNotBefore =
                              now + (long) (backlog.spanMillis() / config.catchUpFactor());
                        }
                        return outcome;
                      });
            });
  }

  private void next(Outcome outcome) {
    switch (outcome.kind()) {
      case SENT -> {
        backoff.reset();
        batchLines = Math.min(config.batchMaxLines(), batchLines * 2);
        vertx.runOnContext(v -> sendNext());
      }
      case SPLIT -> vertx.runOnContext(v -> sendNext());
      case WAIT -> {
        idle = true;
        idleTimer = vertx.setTimer(Math.max(1, outcome.delayMillis()), t -> wakeUp());
      }
      case RETRY -> {
        stats.failures.incrementAndGet();
        long delay = backoff.nextDelayMillis(outcome.delayMillis());
        LOG.warn("uplink to central failed ({}); retrying in {} ms", outcome.reason(), delay);
        vertx.setTimer(delay, t -> sendNext());
      }
    }
  }

  /** What became of one attempt, and so what to do next. */
  private record Outcome(Kind kind, long delayMillis, String reason) {
    enum Kind {
      SENT,
      SPLIT,
      WAIT,
      RETRY
    }

    static final Outcome SENT = new Outcome(Kind.SENT, 0, null);
    static final Outcome SPLIT = new Outcome(Kind.SPLIT, 0, null);

    /** Nothing to send now: look again after this long, or as soon as samples arrive. */
    static Outcome waitFor(long millis) {
      return new Outcome(Kind.WAIT, millis, null);
    }

    static Outcome retry(long retryAfterMillis, String reason) {
      return new Outcome(Kind.RETRY, retryAfterMillis, reason);
    }
  }

  private Future<Outcome> send(Batch batch) {
    return vertx
        .executeBlocking(() -> Payload.of(batch.lines()), false)
        .compose(
            payload ->
                client
                    .post(samplesPath)
                    .bearerTokenAuthentication(central.token())
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .putHeader("Content-Encoding", "gzip")
                    .timeout(config.requestTimeoutMillis())
                    .sendBuffer(payload.body())
                    .compose(response -> handle(batch, payload, response)));
  }

  private Future<Outcome> handle(Batch batch, Payload payload, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 200) {
      return buffer
          .remove(batch)
          .map(
              removed -> {
                stats.batchesSent.incrementAndGet();
                stats.linesSent.addAndGet(batch.size());
                stats.bytesSent.addAndGet(payload.body().length());
                stats.fieldValuesSent.addAndGet(payload.fieldValues());
                return Outcome.SENT;
              });
    }
    String detail = problemDetail(response);
    boolean malformed = status == 400 || status == 413 || status == 422;
    if (malformed && batch.size() > 1) {
      batchLines = Math.max(1, batch.size() / 2);
      LOG.warn(
          "central refused a batch of {} lines ({} {}); retrying in halves",
          batch.size(),
          status,
          detail);
      return Future.succeededFuture(Outcome.SPLIT);
    }
    if (malformed) {
      stats.linesRejected.addAndGet(batch.size());
      LOG.error(
          "central refused a line ({} {}); set aside: {}", status, detail, batch.lines().get(0));
      return buffer.setAside(batch, status + " " + detail).map(Outcome.SPLIT);
    }
    return Future.succeededFuture(
        Outcome.retry(retryAfterMillis(response), "central answered " + status + " " + detail));
  }

  private static long retryAfterMillis(HttpResponse<Buffer> response) {
    String header = response.getHeader("Retry-After");
    if (header == null) {
      return 0;
    }
    try {
      return Math.min(300, Long.parseLong(header.strip())) * 1000;
    } catch (NumberFormatException notSeconds) {
      return 0;
    }
  }

  private static String problemDetail(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (body == null) {
      return "";
    }
    String text = body.toString();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  /** A batch's gzip request body and how many field values it carries. */
  record Payload(Buffer body, long fieldValues) {

    static Payload of(List<String> lines) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      long fieldValues = 0;
      try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 8192)) {
        for (String line : lines) {
          gzip.write(line.getBytes(StandardCharsets.UTF_8));
          gzip.write('\n');
          fieldValues += LineProtocolParser.fieldCount(line);
        }
      }
      return new Payload(Buffer.buffer(bytes.toByteArray()), fieldValues);
    }
  }
}
