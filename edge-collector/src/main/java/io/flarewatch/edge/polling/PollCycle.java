package io.flarewatch.edge.polling;

import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.edge.config.MinerConfig;
import io.flarewatch.edge.config.PollingConfig;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;

/**
 * One poll of every device of the site, all stamped with the cycle's time.
 *
 * <p>Miners are polled at most {@code maxConcurrentPolls} at a time (lanes that start after a
 * random jitter, to spread the load), those that answered last cycle first: a miner that was silent
 * waits behind the healthy ones, so dead miners cannot fill the lanes while live ones wait; every
 * poll is bounded by the device timeout, so a dead or slow device costs only its own slot and never
 * delays the others. Modbus devices are read on their own worker threads.
 */
final class PollCycle {

  private final Vertx vertx;
  private final String site;
  private final PollingConfig config;
  private final MinerPoller miners;
  private final WorkerExecutor modbusWorkers;
  private final RandomGenerator random;
  private final PollingStats stats;
  private final Set<String> silentLastCycle = ConcurrentHashMap.newKeySet();

  PollCycle(
      Vertx vertx,
      String site,
      PollingConfig config,
      MinerPoller miners,
      WorkerExecutor modbusWorkers,
      RandomGenerator random,
      PollingStats stats) {
    this.vertx = vertx;
    this.site = site;
    this.config = config;
    this.miners = miners;
    this.modbusWorkers = modbusWorkers;
    this.random = random;
    this.stats = stats;
  }

  /** The points of one cycle, with the per-cycle outcome of miners and Modbus devices. */
  record Result(
      List<Point> minerPoints,
      int minersOnline,
      List<DeviceReading> readings,
      List<Point> silentDevices) {}

  Future<Result> run(long cycleMillis, List<MinerConfig> minerList, List<ModbusDevice> devices) {
    Future<List<Point>> minerPoints = pollMiners(cycleMillis, minerList);
    List<Future<DeviceReading>> modbusReads = new ArrayList<>();
    for (ModbusDevice device : devices) {
      modbusReads.add(modbusWorkers.executeBlocking(() -> device.poll(site, cycleMillis), false));
    }
    return Future.join(modbusReads)
        .otherwiseEmpty()
        .compose(ignored -> minerPoints)
        .map(
            points -> {
              List<DeviceReading> readings = new ArrayList<>();
              List<Point> silent = new ArrayList<>();
              for (int i = 0; i < devices.size(); i++) {
                Future<DeviceReading> read = modbusReads.get(i);
                if (read.succeeded()) {
                  readings.add(read.result());
                } else {
                  stats.deviceFailures.incrementAndGet();
                  silent.add(devices.get(i).silent(site, cycleMillis, read.cause()));
                }
              }
              int online =
                  (int)
                      points.stream()
                          .filter(p -> p.fields().get(Schema.FIELD_UP).equals(1L))
                          .count();
              return new Result(points, online, readings, silent);
            });
  }

  private Future<List<Point>> pollMiners(long cycleMillis, List<MinerConfig> minerList) {
    if (minerList.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<MinerConfig> ordered = new ArrayList<>(minerList);
    ordered.sort(Comparator.comparing(m -> silentLastCycle.contains(m.id())));
    Queue<MinerConfig> waiting = new ConcurrentLinkedQueue<>(ordered);
    List<Point> points = Collections.synchronizedList(new ArrayList<>(minerList.size()));
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(config.maxConcurrentPolls(), minerList.size()); lane++) {
      lanes.add(jitter().compose(v -> nextMiner(cycleMillis, waiting, points)));
    }
    return Future.join(lanes).map(done -> List.copyOf(points));
  }

  /**
   * A lane polls miners one after another until none are left. Lanes share a concurrent queue and
   * list: called outside a verticle, their callbacks may run on different event loops.
   */
  private Future<Void> nextMiner(long cycleMillis, Queue<MinerConfig> waiting, List<Point> points) {
    MinerConfig miner = waiting.poll();
    if (miner == null) {
      return Future.succeededFuture();
    }
    return miners
        .poll(new MinerAddress(miner.host(), miner.port()))
        .map(
            sample -> {
              silentLastCycle.remove(miner.id());
              return MinerPoints.answered(site, miner.id(), cycleMillis, sample);
            })
        .otherwise(
            failure -> {
              stats.deviceFailures.incrementAndGet();
              silentLastCycle.add(miner.id());
              return MinerPoints.silent(site, miner.id(), cycleMillis, failure);
            })
        .compose(
            point -> {
              points.add(point);
              return nextMiner(cycleMillis, waiting, points);
            });
  }

  private Future<Void> jitter() {
    if (config.jitterMillis() == 0) {
      return Future.succeededFuture();
    }
    long delay = 1 + random.nextLong(config.jitterMillis());
    return vertx.timer(delay).mapEmpty();
  }
}
