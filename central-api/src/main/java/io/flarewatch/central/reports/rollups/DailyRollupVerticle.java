package io.flarewatch.central.reports.rollups;

import io.flarewatch.central.config.RollupsConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the daily emissions rollups up to date. It rolls up again each site-day whose marker is
 * newer than its rollup, once the write that changed it has surely landed ({@link RollupValidity}'s
 * margin) and the day has ended: those this process's ingest stored (told at once, {@link
 * DaysChanged}), and those a sweep of markers against rollups finds at start and every {@code
 * reports.rollups.sweepMinutes} (other replicas' writes, or a replica's that stopped first). At
 * most {@code reports.rollups.concurrency} site-days at once, all through the non-blocking {@link
 * InfluxClient}. Replicas may roll one day alike: the last write wins, and its {@code computed_at}
 * says what it saw.
 */
public final class DailyRollupVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DailyRollupVerticle.class);
  private static final String PREFIX = "flarewatch.central.rollups.";
  private static final long DRAIN_EVERY_MILLIS = 1_000;
  private static final long RETRY_AFTER_MILLIS = 30_000;
  private static final long DAY_MILLIS = 86_400_000L;

  /** Site-days waiting at most; beyond, new ones are left to the next sweep. */
  static final int MAX_PENDING = 100_000;

  private final DailyRollups rollups;
  private final RollupSweep sweep;
  private final RollupsConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  // event-loop state: site-day → latest written_at to cover, and when it may be tried again
  private final Map<String, Long> pending = new LinkedHashMap<>();
  private final Map<String, Long> notBefore = new HashMap<>();
  // site-days rolled up with no raw point, by the written_at they covered: not retried by sweeps
  private final Map<String, Long> empty = new HashMap<>();
  private int running;
  private boolean sweeping;
  private Counter rolled;
  private Counter failed;
  private Timer lag;
  private MessageConsumer<JsonObject> changes;

  public DailyRollupVerticle(
      InfluxClient influx, DailyRollups rollups, MeterRegistry registry, Clock clock) {
    this.rollups = rollups;
    this.config = rollups.config();
    this.sweep = new RollupSweep(influx, config);
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    rolled =
        Counter.builder(PREFIX + "days")
            .description("Site-days rolled up into daily emissions sums, by outcome.")
            .tag("outcome", "rolled")
            .register(registry);
    failed =
        Counter.builder(PREFIX + "days")
            .description("Site-days rolled up into daily emissions sums, by outcome.")
            .tag("outcome", "failed")
            .register(registry);
    lag =
        Timer.builder(PREFIX + "lag")
            .description(
                "From the write that changed a site-day to the start of its new rollup's read.")
            .register(registry);
    Gauge.builder(PREFIX + "pending", pending, Map::size)
        .description("Site-days waiting to be rolled up by this replica.")
        .register(registry);
    changes = vertx.eventBus().localConsumer(DaysChanged.ADDRESS, m -> changed(m.body()));
    vertx.setPeriodic(DRAIN_EVERY_MILLIS, t -> drain());
    vertx.setPeriodic(Duration.ofMinutes(config.sweepMinutes()).toMillis(), t -> sweep());
    sweep();
    return changes.completion();
  }

  @Override
  public Future<?> stop() {
    return changes == null ? Future.succeededFuture() : changes.unregister();
  }

  /** How many site-days wait (for tests and metrics). */
  int pending() {
    return pending.size();
  }

  private void changed(JsonObject message) {
    String site = message.getString(DaysChanged.SITE);
    long writtenAt = message.getLong(DaysChanged.WRITTEN_AT);
    for (Object day : message.getJsonArray(DaysChanged.DAYS)) {
      due(site, ((Number) day).longValue(), writtenAt);
    }
  }

  private void due(String site, long day, long writtenAt) {
    String key = site + "|" + day;
    if (pending.size() >= MAX_PENDING && !pending.containsKey(key)) {
      return;
    }
    pending.merge(key, writtenAt, Math::max);
  }

  private void sweep() {
    if (sweeping) {
      return;
    }
    sweeping = true;
    sweep
        .stale(clock.instant())
        .onComplete(
            found -> {
              sweeping = false;
              if (found.failed()) {
                LOG.warn("rollup sweep failed: {}", found.cause().getMessage());
                return;
              }
              int added = 0;
              for (RollupSweep.Stale stale : found.result()) {
                Long rolledEmpty = empty.get(stale.site() + "|" + stale.day());
                if (rolledEmpty == null || rolledEmpty < stale.writtenAt()) {
                  due(stale.site(), stale.day(), stale.writtenAt());
                  added++;
                }
              }
              if (added > 0) {
                LOG.info("rollup sweep: {} site-days to roll up", added);
              }
            });
  }

  private void drain() {
    long now = clock.millis();
    long margin = config.margin().toMillis();
    Iterator<Map.Entry<String, Long>> entries = pending.entrySet().iterator();
    while (running < config.concurrency() && entries.hasNext()) {
      Map.Entry<String, Long> entry = entries.next();
      String key = entry.getKey();
      long writtenAt = entry.getValue();
      long day = Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
      if (now < RollupValidity.validFrom(writtenAt, margin)
          || now < day + DAY_MILLIS
          || now < notBefore.getOrDefault(key, 0L)) {
        continue;
      }
      entries.remove();
      notBefore.remove(key);
      running++;
      roll(key.substring(0, key.lastIndexOf('|')), day, writtenAt, now);
    }
  }

  private void roll(String site, long day, long writtenAt, long startedAt) {
    String key = site + "|" + day;
    rollups
        .roll(site, Instant.ofEpochMilli(day), Instant.ofEpochMilli(day + DAY_MILLIS))
        .onComplete(
            done -> {
              running--;
              if (done.succeeded()) {
                rolled.increment();
                lag.record(Duration.ofMillis(Math.max(0, startedAt - writtenAt)));
                if (done.result().siteDays() == 0) {
                  if (empty.size() >= MAX_PENDING) {
                    empty.clear();
                  }
                  empty.put(key, writtenAt);
                }
                LOG.debug("rolled up {} {}", site, Instant.ofEpochMilli(day));
              } else {
                failed.increment();
                LOG.warn(
                    "cannot roll up {} {} yet: {}",
                    site,
                    Instant.ofEpochMilli(day),
                    done.cause().getMessage());
                pending.merge(key, writtenAt, Math::max);
                notBefore.put(key, clock.millis() + RETRY_AFTER_MILLIS);
              }
            });
  }
}
