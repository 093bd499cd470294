package io.flarewatch.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated flare-gas mining site: miners on their CGMiner-style APIs, a generator controller and
 * two gas meters on Modbus TCP, all driven by one coupled, seeded physics model.
 */
public final class SiteSimulator {
  private static final Logger LOG = LoggerFactory.getLogger(SiteSimulator.class);

  private final SimulatorConfig config;
  private final SiteModel model;
  private final GroundTruth groundTruth;
  private final FaultInjector faults;
  private final SitePlant plant;
  private final List<MinerApiServer> minerServers = new ArrayList<>();
  private final Map<Integer, AntminerWebServer> webServers = new java.util.TreeMap<>();
  private final List<ModbusDeviceServer> modbusServers = new ArrayList<>();
  private final List<ModbusEndpoint> modbusEndpoints = new ArrayList<>();

  private SiteSimulator(SimulatorConfig config, Clock clock) {
    this.config = config;
    this.model = new SiteModel(config, clock);
    this.plant = new SitePlant(model, clock, config);
    this.groundTruth = new GroundTruth(config.groundTruthCapacity());
    this.faults =
        new FaultInjector(
            model, config, (index, mode) -> minerServers.get(index).applyOffline(mode));
  }

  /** Starts a simulator on the system clock. */
  public static Future<SiteSimulator> start(Vertx vertx, SimulatorConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  /**
   * Starts a simulator whose ticks follow {@code clock} (e.g. a {@link ManualClock} in tests).
   * Fails if any port cannot be bound (already started servers are closed again).
   */
  public static Future<SiteSimulator> start(Vertx vertx, SimulatorConfig config, Clock clock) {
    SiteSimulator sim = new SiteSimulator(config, clock);
    return sim.listen(vertx)
        .map(v -> sim)
        .recover(err -> sim.close().transform(x -> Future.failedFuture(err)));
  }

  private Future<Void> listen(Vertx vertx) {
    FleetConfig m = config.miners();
    long base = baseAddress(m.baseHost());
    List<Future<?>> started = new ArrayList<>();
    for (int i = 0; i < m.count(); i++) {
      String host;
      int port;
      if (m.addressing() == Addressing.LOOPBACK_RANGE) {
        host = dotted(base + i);
        port = m.basePort();
      } else {
        host = m.baseHost();
        port = m.basePort() == 0 ? 0 : m.basePort() + i;
      }
      MinerApiServer s = new MinerApiServer(vertx, model, faults, groundTruth, i, host, port);
      minerServers.add(s);
      started.add(s.listen());
      if (model.flavour(i).isAntminer()) {
        int webPort =
            m.addressing() == Addressing.LOOPBACK_RANGE
                ? m.webPort()
                : m.webPort() == 0 ? 0 : m.webPort() + i;
        AntminerWebServer web = new AntminerWebServer(vertx, model, faults, i, host, webPort);
        webServers.put(i, web);
        started.add(web.listen());
      }
    }
    ModbusDevicesConfig mb = config.modbus();
    record Device(String id, ServedMap map, int port) {}
    List<Device> devices =
        List.of(
            new Device(
                SimulatorConfig.GENERATOR, served(SimulatorConfig.GENERATOR), mb.generatorPort()),
            new Device(
                SimulatorConfig.GENSET_FUEL_METER,
                served(SimulatorConfig.GENSET_FUEL_METER),
                mb.gensetFuelMeterPort()),
            new Device(
                SimulatorConfig.FLARE_METER,
                served(SimulatorConfig.FLARE_METER),
                mb.flareMeterPort()));
    List<Future<Integer>> modbusPorts = new ArrayList<>();
    for (Device d : devices) {
      ModbusDeviceServer s =
          new ModbusDeviceServer(
              vertx, model, faults, groundTruth, d.id(), d.map(), mb.unitId(), mb.host(), d.port());
      modbusServers.add(s);
      Future<Integer> port = s.listen();
      modbusPorts.add(port);
      started.add(port);
    }
    return Future.all(started)
        .compose(
            all -> {
              for (int i = 0; i < devices.size(); i++) {
                Device d = devices.get(i);
                modbusEndpoints.add(
                    new ModbusEndpoint(
                        d.id(),
                        mb.host(),
                        modbusPorts.get(i).result(),
                        mb.unitId(),
                        d.map().resource()));
              }
              List<Future<?>> offline = new ArrayList<>();
              for (Map.Entry<String, MinerFaultSettings> e : config.faults().miners().entrySet()) {
                if (e.getValue().offline() == OfflineMode.REFUSED) {
                  offline.add(minerServers.get(MinerIds.indexOf(e.getKey())).stop());
                }
              }
              LOG.info(
                  "site simulator started: {} miners, generator on {}:{}, seed {}",
                  m.count(),
                  mb.host(),
                  modbusEndpoints.get(0).port(),
                  config.seed());
              return Future.all(offline).mapEmpty();
            });
  }

  private ServedMap served(String deviceId) {
    return new ServedMap(config.modbus().registerMap(deviceId));
  }

  /** The miners, in id order, with their bound ports. */
  public List<MinerEndpoint> miners() {
    List<MinerEndpoint> list = new ArrayList<>(minerServers.size());
    for (int i = 0; i < minerServers.size(); i++) {
      MinerApiServer s = minerServers.get(i);
      AntminerWebServer web = webServers.get(i);
      list.add(
          new MinerEndpoint(
              MinerIds.of(i),
              s.host(),
              s.port(),
              model.flavour(i),
              web == null ? null : web.port()));
    }
    return List.copyOf(list);
  }

  public ModbusEndpoint generator() {
    return modbusEndpoints.get(0);
  }

  public ModbusEndpoint gensetFuelMeter() {
    return modbusEndpoints.get(1);
  }

  public ModbusEndpoint flareMeter() {
    return modbusEndpoints.get(2);
  }

  public GroundTruth groundTruth() {
    return groundTruth;
  }

  public FaultInjector faults() {
    return faults;
  }

  public SimulatorConfig config() {
    return config;
  }

  /**
   * The generator's load at every physics tick so far (advancing the model to the clock's tick),
   * oldest first; the last {@code groundTruthCapacity} ticks are kept. With {@link
   * GeneratorLoad#largestStepKw(List)} a test checks that no load step exceeded a limit.
   */
  public List<GeneratorLoad> generatorTrace() {
    return model.generatorTrace();
  }

  /**
   * How many sleep and wake commands the miner has received since start, on any of its interfaces
   * (CGMiner-style API, Whatsminer encrypted writes, Antminer web interface), those a fault made it
   * ignore included.
   */
  public long sleepWakeCommands(String minerId) {
    return model.withMiner(MinerIds.indexOf(minerId), (m, tick, now) -> m.sleepWakeCommands);
  }

  /**
   * The site's physics in process, the same state the network serves: {@link SitePlant#step} moves
   * site time when the simulator was started on a {@link ManualClock}.
   */
  public SitePlant plant() {
    return plant;
  }

  /** The whole site at the clock's current tick (advancing the model to it). */
  public SiteSnapshot snapshot() {
    return model.snapshot();
  }

  /** The clock's current tick. */
  public long currentTick() {
    return model.tick();
  }

  /** Stops every server. */
  public Future<Void> close() {
    List<Future<?>> closing = new ArrayList<>();
    for (MinerApiServer s : minerServers) {
      closing.add(s.stop());
    }
    for (ModbusDeviceServer s : modbusServers) {
      closing.add(s.close());
    }
    for (AntminerWebServer s : webServers.values()) {
      closing.add(s.close());
    }
    return Future.join(closing).mapEmpty();
  }

  private static long baseAddress(String host) {
    try {
      return ConfigChecks.toLong(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("miners.baseHost is not an address: " + host, e);
    }
  }

  private static String dotted(long a) {
    return ((a >>> 24) & 0xFF)
        + "."
        + ((a >>> 16) & 0xFF)
        + "."
        + ((a >>> 8) & 0xFF)
        + "."
        + (a & 0xFF);
  }
}
