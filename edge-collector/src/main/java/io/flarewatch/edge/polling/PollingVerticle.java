package io.flarewatch.edge.polling;

import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.MeterState;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.uplink.UplinkVerticle;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the site's devices once per interval, at multiples of the interval, and appends every point
 * to the durable buffer before the cycle counts as done. A cycle that would start while the
 * previous one still runs is skipped and counted, never queued.
 */
public final class PollingVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PollingVerticle.class);

  /** Event bus address told the number of lines dropped whenever the full buffer drops some. */
  public static final String BUFFER_DROPPED = "flarewatch.edge.buffer-dropped";

  private final EdgeConfig config;
  private final BufferExecutor buffer;
  private final MinerPoller minerPoller;
  private final PollingStats stats;
  private final CycleListener listener;
  private final Clock clock;
  private final List<ModbusDevice> devices = new ArrayList<>();
  private WorkerExecutor modbusWorkers;
  private PollCycle cycle;
  private boolean cycleRunning;
  private long timer = -1;

  /** Told about each cycle's points after they are in the buffer (e.g. to add emissions). */
  public interface CycleListener {
    CycleListener NONE = (cycleMillis, readings) -> List.of();

    /** Extra points derived from a cycle's Modbus readings, buffered with the cycle. */
    List<Point> derive(long cycleMillis, List<DeviceReading> readings);
  }

  public PollingVerticle(
      EdgeConfig config,
      BufferExecutor buffer,
      MinerPoller minerPoller,
      PollingStats stats,
      CycleListener listener,
      Clock clock) {
    this.config = config;
    this.buffer = buffer;
    this.minerPoller = minerPoller;
    this.stats = stats;
    this.listener = listener;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    Duration timeout = Duration.ofMillis(config.polling().deviceTimeoutMillis());
    for (var device : config.modbus()) {
      devices.add(new ModbusDevice(device, timeout));
    }
    modbusWorkers =
        vertx.createSharedWorkerExecutor(
            "edge-modbus-" + config.site(), Math.max(1, devices.size()));
    cycle =
        new PollCycle(
            vertx,
            config.site(),
            config.polling(),
            minerPoller,
            modbusWorkers,
            RandomGenerator.getDefault(),
            stats);
    return buffer
        .meterStates()
        .map(
            states -> {
              for (ModbusDevice device : devices) {
                MeterState state = states.get(device.id());
                if (state != null) {
                  device.resume(state);
                  LOG.info("{}: totalizer continues from {} stored before", device.id(), state);
                }
              }
              scheduleNext();
              logStart();
              return null;
            });
  }

  private void logStart() {
    LOG.info(
        "polling {} miners and {} Modbus devices every {} ms",
        config.allMiners().size(),
        devices.size(),
        config.polling().intervalMillis());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return vertx
        .executeBlocking(
            () -> {
              devices.forEach(ModbusDevice::close);
              return null;
            })
        .eventually(() -> modbusWorkers.close());
  }

  private void scheduleNext() {
    long interval = config.polling().intervalMillis();
    long now = clock.millis();
    long next = (now / interval + 1) * interval;
    timer = vertx.setTimer(Math.max(1, next - now), t -> startCycle(next));
  }

  private void startCycle(long cycleMillis) {
    scheduleNext();
    if (cycleRunning) {
      stats.skippedCycles.incrementAndGet();
      LOG.warn("poll cycle {} skipped: the previous cycle is still running", cycleMillis);
      return;
    }
    cycleRunning = true;
    long started = System.nanoTime();
    cycle
        .run(cycleMillis, config.allMiners(), devices)
        .compose(result -> store(cycleMillis, result))
        .onComplete(
            done -> {
              cycleRunning = false;
              stats.recordCycle((System.nanoTime() - started) / 1_000_000);
              if (done.failed()) {
                LOG.error("poll cycle {} failed: {}", cycleMillis, done.cause().toString());
              }
            });
  }

  private Future<Void> store(long cycleMillis, PollCycle.Result result) {
    List<Point> points = new ArrayList<>(result.minerPoints());
    result.readings().forEach(r -> points.add(r.point()));
    points.addAll(result.silentDevices());
    int total = result.minerPoints().size();
    if (total > 0) {
      double hashrate =
          result.minerPoints().stream()
              .map(p -> p.fields().get(Schema.FIELD_HASHRATE_THS))
              .filter(Double.class::isInstance)
              .mapToDouble(v -> (Double) v)
              .sum();
      points.add(
          Point.builder(Schema.SITE_SUMMARY, cycleMillis)
              .tag(Schema.TAG_SITE, config.site())
              .field(Schema.FIELD_MINERS_TOTAL, (long) total)
              .field(Schema.FIELD_MINERS_ONLINE, (long) result.minersOnline())
              .field(Schema.FIELD_HASHRATE_THS, Math.round(hashrate * 1e6) / 1e6)
              .build());
    }
    points.addAll(listener.derive(cycleMillis, result.readings()));
    stats.lastMinersOnline = result.minersOnline();
    stats.lastMinersTotal = total;
    List<String> lines = new ArrayList<>(points.size());
    points.forEach(p -> lines.add(LineProtocol.encode(p)));
    Map<String, MeterState> meterStates = new HashMap<>();
    for (ModbusDevice device : devices) {
      device.totalizerState().ifPresent(state -> meterStates.put(device.id(), state));
    }
    return buffer
        .append(lines, meterStates)
        .compose(
            dropped -> {
              stats.samples.addAndGet(lines.size());
              LOG.debug("cycle {} stored: {} samples", cycleMillis, lines.size());
              vertx.eventBus().send(UplinkVerticle.SAMPLES_APPENDED, lines.size());
              return dropped > 0 ? reportDropped(cycleMillis, dropped) : Future.succeededFuture();
            });
  }

  /**
   * The buffer was full and dropped its oldest lines: say so where people look, as an event on the
   * event bus and as an {@code edge_event} point that reaches central with the live data. The point
   * carries the running total ({@code dropped_lines_total}), so the latest one tells the whole
   * story even if older event points were dropped in turn. If storing the event itself drops lines,
   * another event follows (a millisecond later, so none overwrites another).
   */
  private Future<Void> reportDropped(long cycleMillis, long dropped) {
    return reportDropped(cycleMillis, dropped, 1);
  }

  private Future<Void> reportDropped(long cycleMillis, long dropped, int sequence) {
    LOG.error("buffer full: dropped the {} oldest samples at cycle {}", dropped, cycleMillis);
    vertx.eventBus().publish(BUFFER_DROPPED, dropped);
    return buffer
        .stats()
        .compose(
            stats ->
                buffer.append(
                    List.of(
                        LineProtocol.encode(
                            Point.builder(Schema.EDGE_EVENT, cycleMillis + sequence)
                                .tag(Schema.TAG_SITE, config.site())
                                .tag("kind", "buffer_full")
                                .field("dropped_lines", dropped)
                                .field("dropped_lines_total", stats.droppedLines())
                                .build()))))
        .compose(
            more ->
                more > 0
                    ? reportDropped(cycleMillis, more, sequence + 1)
                    : Future.succeededFuture());
  }
}
