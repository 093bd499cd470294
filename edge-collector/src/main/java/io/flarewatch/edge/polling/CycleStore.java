package io.flarewatch.edge.polling;

import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.MeterState;
import io.flarewatch.edge.uplink.UplinkVerticle;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores each poll cycle in the buffer in one append, with the gas meters' totalizer states: the
 * whole cycle or nothing of it. Only once it is stored do the meters' totalizers move on, so the
 * first stored interval after a cycle that could not be stored carries the whole volume since the
 * last stored one.
 *
 * <p>A cycle that cannot be stored is counted ({@link PollingStats#cyclesLost()}) and reported,
 * with the cycles skipped meanwhile, in a {@code kind=cycle_lost} event stored with the next cycle
 * that is. When storing makes the full buffer drop its oldest lines, a {@code kind=buffer_full}
 * event says so and the count goes out on the event bus.
 */
final class CycleStore {

  private static final Logger LOG = LoggerFactory.getLogger(CycleStore.class);

  private final Vertx vertx;
  private final String site;
  private final BufferExecutor buffer;
  private final PollingStats stats;
  private final PollingVerticle.CycleListener listener;
  private final Map<String, ModbusDevice> devices = new HashMap<>();
  private final BiConsumer<Long, List<Point>> stored;
  private long lostUnreported;
  private long skippedReported;

  CycleStore(
      Vertx vertx,
      String site,
      BufferExecutor buffer,
      PollingStats stats,
      PollingVerticle.CycleListener listener,
      List<ModbusDevice> devices,
      BiConsumer<Long, List<Point>> stored) {
    this.vertx = vertx;
    this.stored = stored;
    this.site = site;
    this.buffer = buffer;
    this.stats = stats;
    this.listener = listener;
    devices.forEach(device -> this.devices.put(device.id(), device));
  }

  /** Stores a cycle; fails (after counting it) when it could not be stored. */
  Future<Void> store(long cycleMillis, PollCycle.Result result) {
    return Future.<Void>succeededFuture()
        .compose(v -> append(cycleMillis, result))
        .onFailure(
            e -> {
              stats.cyclesLost.incrementAndGet();
              lostUnreported++;
              LOG.error("poll cycle {} lost, nothing of it stored: {}", cycleMillis, e.toString());
            })
        .compose(
            dropped ->
                dropped > 0 ? reportDropped(cycleMillis, dropped, 1) : Future.succeededFuture());
  }

  /** Appends the cycle; the result is how many old lines the buffer dropped to make room. */
  private Future<Long> append(long cycleMillis, PollCycle.Result result) {
    List<Point> points = new ArrayList<>(result.minerPoints());
    result.readings().forEach(r -> points.add(r.point()));
    points.addAll(result.silentDevices());
    SiteSummary.of(site, cycleMillis, result.minerPoints(), result.minersOnline())
        .ifPresent(points::add);
    points.addAll(listener.derive(cycleMillis, result.readings()));
    long lost = lostUnreported;
    long skipped = stats.skippedCycles() - skippedReported;
    if (lost > 0 || skipped > 0) {
      points.add(
          EdgeEvents.cyclesLost(
              site, cycleMillis, lost, stats.cyclesLost(), skipped, stats.skippedCycles()));
    }
    stats.lastMinersOnline = result.minersOnline();
    stats.lastMinersTotal = result.minerPoints().size();
    List<String> lines = new ArrayList<>(points.size());
    points.forEach(p -> lines.add(LineProtocol.encode(p)));
    Map<String, MeterState> meterStates = new HashMap<>();
    for (DeviceReading reading : result.readings()) {
      reading.meterState().ifPresent(state -> meterStates.put(reading.device().id(), state));
    }
    return buffer
        .append(lines, meterStates)
        .map(
            dropped -> {
              lostUnreported -= lost;
              skippedReported += skipped;
              for (DeviceReading reading : result.readings()) {
                devices.get(reading.device().id()).commit(reading);
              }
              stats.samples.addAndGet(lines.size());
              LOG.debug("cycle {} stored: {} samples", cycleMillis, lines.size());
              vertx.eventBus().send(UplinkVerticle.SAMPLES_APPENDED, lines.size());
              listener.stored(cycleMillis, points);
              tellStored(cycleMillis, points);
              return dropped;
            });
  }

  private void tellStored(long cycleMillis, List<Point> points) {
    try {
      stored.accept(cycleMillis, points);
    } catch (RuntimeException e) {
      LOG.warn("cycle {}: the site-local view could not take it: {}", cycleMillis, e.toString());
    }
  }

  /**
   * The buffer was full and dropped its oldest lines: say so on the event bus and as an event point
   * that reaches central with the live data. If storing the event itself drops lines, another event
   * follows (a millisecond later, so none overwrites another).
   */
  private Future<Void> reportDropped(long cycleMillis, long dropped, int sequence) {
    LOG.error("buffer full: dropped the {} oldest samples at cycle {}", dropped, cycleMillis);
    vertx.eventBus().publish(PollingVerticle.BUFFER_DROPPED, dropped);
    return buffer
        .stats()
        .compose(
            held ->
                buffer.append(
                    List.of(
                        LineProtocol.encode(
                            EdgeEvents.bufferFull(
                                site, cycleMillis + sequence, dropped, held.droppedLines())))))
        .compose(
            more ->
                more > 0
                    ? reportDropped(cycleMillis, more, sequence + 1)
                    : Future.succeededFuture());
  }
}
