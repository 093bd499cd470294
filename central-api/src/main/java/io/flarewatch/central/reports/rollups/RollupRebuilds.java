package io.flarewatch.central.reports.rollups;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.central.reports.ReportPeriod;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the daily rollups of every site-day in a range in the background, for data that has no
 * markers (written before central wrote them, or straight into InfluxDB): one site-month query at a
 * time, never the whole fleet at once. Progress is a point in central's own database (measurement
 * {@value #MEASUREMENT}, tag {@code job}, one point per run, named by the range so the latest
 * rebuild of a range answers), updated at most every second and at the end, so any replica answers
 * it.
 */
public final class RollupRebuilds {

  static final String MEASUREMENT = "rollup_rebuild";
  private static final String JOB = "job";
  private static final long PROGRESS_EVERY_MILLIS = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(RollupRebuilds.class);

  private final DailyRollups rollups;
  private final InfluxClient central;
  private final Clock clock;

  /**
   * @param central the client of central's own database, where progress is kept
   */
  public RollupRebuilds(DailyRollups rollups, InfluxClient central, Clock clock) {
    this.rollups = rollups;
    this.central = central;
    this.clock = clock;
  }

  /** A rebuild's state. */
  static final class Job {
    final String id;
    final Instant from;
    final Instant to;
    final long startedAt;
    final int total;
    int done;
    long siteDays;
    long rawPoints;
    String state = "running";
    String error;
    long progressWrittenAt;

    Job(Instant from, Instant to, long startedAt, int total) {
      this.id = idOf(from, to);
      this.from = from;
      this.to = to;
      this.startedAt = startedAt;
      this.total = total;
    }
  }

  /**
   * A rebuild's id: named by its range (a name-based UUID), so the rebuild of a range is found
   * again by it; its progress is that of the latest rebuild of the range.
   */
  static String idOf(Instant from, Instant to) {
    return UUID.nameUUIDFromBytes(("rollups " + from + " " + to).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Whole site-months in [from, to) for {@code sites}: the rebuild's units of work. */
  static int siteMonths(List<String> sites, Instant from, Instant to) {
    return sites.size() * ReportPeriod.MONTH.spans(from, to).size();
  }

  /**
   * Starts a rebuild of [from, to) for {@code sites}; the future completes once its first progress
   * point is stored, with the job's progress.
   */
  public Future<JsonObject> start(List<String> sites, Instant from, Instant to) {
    Job job = new Job(from, to, clock.millis(), siteMonths(sites, from, to));
    return store(job)
        .map(
            stored -> {
              LOG.info("rollup rebuild {}: {} to {}, {} site-months", job.id, from, to, job.total);
              run(job, sites).onComplete(done -> finish(job, done.cause()));
              return progress(job);
            });
  }

  private Future<Void> run(Job job, List<String> sites) {
    Future<Void> chain = Future.succeededFuture();
    for (ReportPeriod.Span month : ReportPeriod.MONTH.spans(job.from, job.to)) {
      for (String site : sites) {
        chain =
            chain.compose(
                v ->
                    rollups
                        .roll(site, month.start(), month.end())
                        .compose(
                            rolled -> {
                              job.done++;
                              job.siteDays += rolled.siteDays();
                              job.rawPoints += rolled.rawPoints();
                              long now = clock.millis();
                              if (now - job.progressWrittenAt < PROGRESS_EVERY_MILLIS) {
                                return Future.succeededFuture();
                              }
                              return store(job);
                            }));
      }
    }
    return chain;
  }

  private void finish(Job job, Throwable failure) {
    job.state = failure == null ? "done" : "failed";
    job.error = failure == null ? null : "InfluxDB: " + failure.getMessage();
    LOG.info(
        "rollup rebuild {} {}: {} of {} site-months, {} site-days, {} raw points{}",
        job.id,
        job.state,
        job.done,
        job.total,
        job.siteDays,
        job.rawPoints,
        failure == null ? "" : " (" + failure.getMessage() + ")");
    store(job)
        .onFailure(
            e -> LOG.warn("rollup rebuild {}: progress not stored: {}", job.id, e.getMessage()));
  }

  private Future<Void> store(Job job) {
    job.progressWrittenAt = clock.millis();
    Point point =
        Point.builder(MEASUREMENT, job.startedAt)
            .tag(JOB, job.id)
            .field("range_from", job.from.toString())
            .field("range_to", job.to.toString())
            .field("state", job.state)
            .field("error", job.error)
            .field("site_months", (long) job.total)
            .field("done_site_months", (long) job.done)
            .field("site_days", job.siteDays)
            .field("raw_points", job.rawPoints)
            .field("updated_at", job.progressWrittenAt)
            .build();
    return central.write(Buffer.buffer(LineProtocol.encode(List.of(point))));
  }

  private static JsonObject progress(Job job) {
    return new JsonObject()
        .put("id", job.id)
        .put("from", job.from.toString())
        .put("to", job.to.toString())
        .put("state", job.state)
        .put("siteMonths", job.total)
        .put("doneSiteMonths", job.done)
        .put("siteDays", job.siteDays)
        .put("rawPoints", job.rawPoints)
        .put("startedAt", Instant.ofEpochMilli(job.startedAt).toString())
        .put("updatedAt", Instant.ofEpochMilli(job.progressWrittenAt).toString())
        .putNull("error");
  }

  /** A rebuild's latest stored progress, as {@link #start} answers it; empty when unknown. */
  public Future<Optional<JsonObject>> progress(String id) {
    return central
        .query(
            "SELECT * FROM "
                + identifier(MEASUREMENT)
                + " WHERE "
                + InfluxFilters.tagEquals(JOB, id)
                + " ORDER BY time DESC LIMIT 1")
        .map(
            results -> {
              for (ResultSeries series : ResultSeries.of(results, 0)) {
                if (!series.rows().isEmpty()) {
                  return Optional.of(progressOf(id, series));
                }
              }
              return Optional.empty();
            });
  }

  private static JsonObject progressOf(String id, ResultSeries series) {
    return new JsonObject()
        .put("id", id)
        .put("from", series.value(0, "range_from"))
        .put("to", series.value(0, "range_to"))
        .put("state", series.value(0, "state"))
        .put("siteMonths", number(series, "site_months"))
        .put("doneSiteMonths", number(series, "done_site_months"))
        .put("siteDays", number(series, "site_days"))
        .put("rawPoints", number(series, "raw_points"))
        .put("startedAt", Instant.ofEpochMilli(series.time(0)).toString())
        .put("updatedAt", Instant.ofEpochMilli(number(series, "updated_at")).toString())
        .put("error", series.value(0, "error"));
  }

  private static long number(ResultSeries series, String column) {
    Double value = series.doubleValue(0, column);
    return value == null ? 0 : value.longValue();
  }
}
