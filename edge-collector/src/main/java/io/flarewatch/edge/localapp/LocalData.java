package io.flarewatch.edge.localapp;

import io.flarewatch.edge.config.LocalAppConfig;
import io.flarewatch.wire.Point;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the site-local app reads: the latest stored cycle (in memory) and the 1-minute rollups (in
 * their SQLite file, on a worker thread of their own, never on an event loop). Fed by the poller
 * after each cycle is stored ({@link #stored}); each finished minute is written and the rollups
 * pruned to {@code localApp.rollupHours} and {@code localApp.maxRollupRows}.
 */
public final class LocalData {

  private static final Logger LOG = LoggerFactory.getLogger(LocalData.class);
  private static final String WORKER = "edge-local-rollups";

  private final Vertx vertx;
  private final LatestCycle latest;
  private final MinuteRollups rollups = new MinuteRollups();
  private final RollupStore store;
  private final WorkerExecutor worker;
  private final long windowMinutes;
  private final long maxRows;
  private final Clock clock;

  private LocalData(
      Vertx vertx,
      String site,
      RollupStore store,
      WorkerExecutor worker,
      LocalAppConfig config,
      Clock clock) {
    this.vertx = vertx;
    this.latest = new LatestCycle(site);
    this.store = store;
    this.worker = worker;
    this.windowMinutes = config.rollupWindow().toMinutes();
    this.maxRows = config.maxRollupRows();
    this.clock = clock;
  }

  /** Opens the rollup file on the rollups' own worker thread. */
  public static Future<LocalData> open(
      Vertx vertx, String site, Path rollupFile, LocalAppConfig config, Clock clock) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor(WORKER, 1, 60, TimeUnit.SECONDS);
    return worker
        .executeBlocking(() -> RollupStore.open(rollupFile))
        .map(store -> new LocalData(vertx, site, store, worker, config, clock))
        .onFailure(e -> worker.close());
  }

  public LatestCycle latest() {
    return latest;
  }

  /**
   * A cycle was stored: it becomes the latest, its values are added to the minute, and a finished
   * minute is written. Tells {@link LatestCycle#STORED} listeners.
   */
  public void stored(long cycleMillis, List<Point> points) {
    latest.stored(cycleMillis, points);
    List<MinuteRollups.Row> finished = rollups.add(cycleMillis, points);
    if (!finished.isEmpty()) {
      write(finished);
    }
    vertx.eventBus().publish(LatestCycle.STORED, cycleMillis);
  }

  private Future<Integer> write(List<MinuteRollups.Row> rows) {
    long oldest = Math.floorDiv(clock.millis(), 60_000L) - windowMinutes;
    return worker
        .executeBlocking(
            () -> {
              store.write(rows);
              return store.prune(oldest, maxRows);
            },
            true)
        .onFailure(e -> LOG.warn("cannot store {} rollup rows: {}", rows.size(), e.toString()));
  }

  /** See {@link RollupStore#series}. */
  public Future<Map<String, List<double[]>>> series(
      String metric, String device, long fromMinute, long toMinute, long stepMinutes) {
    return worker.executeBlocking(
        () -> store.series(metric, device, fromMinute, toMinute, stepMinutes), true);
  }

  /** Rows held (for tests and the log). */
  public Future<Long> rows() {
    return worker.executeBlocking(store::rows, true);
  }

  /** Writes the minute in progress and closes the file. */
  public Future<Void> close() {
    List<MinuteRollups.Row> rest = rollups.drain();
    return write(rest)
        .otherwiseEmpty()
        .compose(
            v ->
                worker.executeBlocking(
                    () -> {
                      store.close();
                      return null;
                    },
                    true))
        .eventually(worker::close)
        .mapEmpty();
  }
}
