package io.flarewatch.edge.polling;

import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.MeterState;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.wire.Point;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the site's devices once per interval, at multiples of the interval, and stores every point
 * in the durable buffer ({@link CycleStore}) before the cycle counts as done. A cycle that would
 * start while the previous one still runs is skipped and counted, never queued.
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
  private BiConsumer<Long, List<Point>> stored = (cycleMillis, points) -> {};
  private final List<ModbusDevice> devices = new ArrayList<>();
  private WorkerExecutor modbusWorkers;
  private PollCycle cycle;
  private CycleStore store;
  private boolean cycleRunning;
  private long timer = -1;

  /** Told about each cycle's points after they are in the buffer (e.g. to add emissions). */
  public interface CycleListener {
    CycleListener NONE = (cycleMillis, readings) -> List.of();

    /** Extra points derived from a cycle's Modbus readings, buffered with the cycle. */
    List<Point> derive(long cycleMillis, List<DeviceReading> readings);

    /** Told every point of a cycle once it is in the buffer (e.g. for the load loop). */
    default void stored(long cycleMillis, List<Point> points) {}
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

  /**
   * Tells {@code observer} each cycle's points once they are in the buffer (the site-local app's
   * latest values and rollups); set before deploying.
   */
  public PollingVerticle onStored(BiConsumer<Long, List<Point>> observer) {
    this.stored = observer;
    return this;
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
    store = new CycleStore(vertx, config.site(), buffer, stats, listener, devices, stored);
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
        .compose(result -> store.store(cycleMillis, result))
        .onComplete(
            done -> {
              cycleRunning = false;
              stats.recordCycle((System.nanoTime() - started) / 1_000_000);
            });
  }
}
