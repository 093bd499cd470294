package io.flarewatch.edge.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.config.ConfigException;
import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerApiClientOptions;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.drivers.modbus.ShippedRegisterMaps;
import io.flarewatch.edge.config.MinerConfig;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.edge.config.PollingConfig;
import io.flarewatch.edge.emissions.EmissionsPoints;
import io.flarewatch.emissions.EmissionsFigure;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.simulator.MinerFaultSettings;
import io.flarewatch.simulator.ModbusEndpoint;
import io.flarewatch.simulator.OfflineMode;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.PlainLineProtocol;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge writes only what central's wire contract accepts: every kind of point a poll cycle
 * produces from a simulated site (answering and silent miners, generator, both gas meters, the
 * emissions of an interval) keeps the contract, and the readings are in the plain form central
 * stores as it came (emissions points carry non-ASCII parameter text, so central parses them).
 */
class EdgePointsKeepTheContractTest {

  private static final String SITE = "contract-site";
  private static final long SKEW = 300_000L;

  private Vertx vertx;
  private SiteSimulator simulator;
  private WorkerExecutor workers;
  private final List<ModbusDevice> devices = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    simulator = SiteSimulator.start(vertx, SimulatorConfig.defaults(4, 3)).await();
    simulator
        .faults()
        .miner(
            simulator.miners().get(0).id(),
            MinerFaultSettings.none().withOffline(OfflineMode.REFUSED))
        .await();
    workers = vertx.createSharedWorkerExecutor("contract-modbus", 3);
  }

  @AfterEach
  void stop() {
    devices.forEach(ModbusDevice::close);
    simulator.close().await();
    vertx.close().await();
  }

  @Test
  void everyPointOfAPollCycleKeepsTheContractInPlainForm() {
    devices.add(device(simulator.generator(), ModbusConfig.Role.GENERATOR));
    devices.add(device(simulator.gensetFuelMeter(), ModbusConfig.Role.GENSET_FUEL_METER));
    devices.add(device(simulator.flareMeter(), ModbusConfig.Role.FLARE_METER));
    List<MinerConfig> miners =
        simulator.miners().stream().map(m -> new MinerConfig(m.id(), m.host(), m.port())).toList();
    PollCycle cycle =
        new PollCycle(
            vertx,
            SITE,
            new PollingConfig(10_000L, 1_000L, 4, 0L),
            new MinerPoller(
                new MinerApiClient(
                    vertx, new MinerApiClientOptions(Duration.ofSeconds(1), 1 << 20))),
            workers,
            RandomGenerator.of("L64X128MixRandom"),
            new PollingStats());
    EmissionsPoints emissions =
        new EmissionsPoints(
            SITE,
            SiteEmissionsParameters.fromMap(
                Map.of(
                    "gasComposition", Map.of("CH4", 0.9, "C2H6", 0.05, "CO2", 0.03, "N2", 0.02),
                    "compositionSource", "test",
                    "flare", Map.of("efficiency", 0.98, "source", "test"),
                    "engine", Map.of("type", "FOUR_STROKE_LEAN_BURN"))),
            10_000L);

    List<Point> points = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (long t : new long[] {now - 20_000, now - 10_000, now}) {
      PollCycle.Result result = cycle.run(t, miners, devices).await();
      for (DeviceReading reading : result.readings()) {
        devices.stream()
            .filter(d -> d.id().equals(reading.device().id()))
            .forEach(d -> d.commit(reading));
      }
      points.addAll(result.minerPoints());
      result.readings().forEach(reading -> points.add(reading.point()));
      points.addAll(result.silentDevices());
      points.addAll(emissions.derive(t, result.readings()));
    }

    List<String> measurements = points.stream().map(Point::measurement).distinct().toList();
    assertTrue(
        measurements.containsAll(
            List.of(Schema.MINER, Schema.GENERATOR, Schema.GAS_METER, Schema.EMISSIONS)),
        measurements.toString());
    assertTrue(
        points.stream().anyMatch(p -> Long.valueOf(0).equals(p.fields().get(Schema.FIELD_UP))),
        "a silent miner is among the points");
    for (Point point : points) {
      assertNull(Schema.problem(point, now, SKEW), point.toString());
    }
    List<Point> readings =
        points.stream().filter(p -> !p.measurement().equals(Schema.EMISSIONS)).toList();
    byte[] batch = LineProtocol.encode(readings).getBytes(StandardCharsets.UTF_8);
    assertEquals(readings.size(), PlainLineProtocol.countPoints(batch, batch.length, SITE, now));
  }

  @Test
  void aRegisterMapWhoseNamesCentralWouldRefuseIsAConfigError(@TempDir Path dir) throws Exception {
    for (String name : List.of("site", "up", "time", "power kW")) {
      Path map = dir.resolve("map.json");
      Files.writeString(
          map,
          "{\"device\": \"test\", \"maxRegistersPerRequest\": 16, \"registers\": [{\"name\": \""
              + name
              + "\", \"address\": 0, \"function\": \"holding\", \"type\": \"uint16\","
              + " \"scale\": 1, \"offset\": 0, \"unit\": \"x\"}]}");
      ModbusConfig config =
          new ModbusConfig(
              "gen-1",
              ModbusConfig.Role.GENERATOR,
              "127.0.0.1",
              502,
              1,
              map.toString(),
              null,
              null);
      ConfigException e =
          assertThrows(
              ConfigException.class, () -> new ModbusDevice(config, Duration.ofSeconds(1)));
      assertTrue(e.getMessage().contains("modbus[gen-1].registerMap"), e.getMessage());
      assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    }
  }

  @Test
  void everyShippedRegisterMapNamesOnlyFieldsTheContractTakes() {
    for (String map : ShippedRegisterMaps.all()) {
      ModbusDevice device =
          new ModbusDevice(
              new ModbusConfig(
                  "gen-1",
                  ModbusConfig.Role.GENERATOR,
                  "127.0.0.1",
                  502,
                  1,
                  "classpath:" + map,
                  null,
                  null),
              Duration.ofSeconds(1));
      device.close();
    }
    assertFalse(ShippedRegisterMaps.all().isEmpty());
  }

  @Test
  void theContractNamesEveryFigureTheMethodologyComputes() {
    List<String> figures =
        Arrays.stream(EmissionsFigure.values()).map(EmissionsFigure::key).toList();
    assertEquals(figures, Schema.EMISSIONS_FIGURES);
    assertFalse(figures.isEmpty());
  }

  private ModbusDevice device(ModbusEndpoint endpoint, ModbusConfig.Role role) {
    return new ModbusDevice(
        new ModbusConfig(
            endpoint.id(),
            role,
            endpoint.host(),
            endpoint.port(),
            endpoint.unitId(),
            "classpath:" + endpoint.registerMap(),
            null,
            null),
        Duration.ofSeconds(1));
  }
}
