package io.flarewatch.edge.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.drivers.modbus.RegisterMapLoader;
import io.flarewatch.drivers.modbus.ShippedRegisterMaps;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.simulator.ManualClock;
import io.flarewatch.simulator.ServedRegisters;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.flarewatch.wire.Schema;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped register map, served by the simulated device of its kind (generator maps by the
 * generator, gas meter maps by the flare-line meter) and polled through the edge's Modbus path
 * (ModbusDeviceClient in ModbusDevice): every field of the point is exactly the value the simulator
 * served, nothing served is missing, and a gas meter's interval volume is the difference of the
 * totalizers it served.
 */
class ShippedMapsThroughEdgeTest {

  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  /** Fields the edge adds to a gas meter's point from its totalizer, beside the values read. */
  private static final List<String> TOTALIZER_FIELDS =
      List.of(
          Schema.FIELD_INTERVAL_VOLUME_SCF,
          Schema.FIELD_INTERVAL_SECONDS,
          Schema.FIELD_VOLUME_RESOLUTION_CF,
          Schema.FIELD_TOTALIZER_EVENT);

  static Stream<String> maps() {
    return ShippedRegisterMaps.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maps")
  void edgeStoresExactlyWhatTheDeviceServed(String resource) {
    boolean gasMeter = RegisterMapLoader.fromResource(resource).device().equals("gas_meter");
    String deviceId = gasMeter ? SimulatorConfig.FLARE_METER : SimulatorConfig.GENERATOR;
    Vertx vertx = Vertx.vertx();
    ManualClock clock = new ManualClock(START);
    SimulatorConfig base = SimulatorConfig.defaults(6, 17);
    SimulatorConfig config = base.withModbus(base.modbus().withRegisterMap(deviceId, resource));
    SiteSimulator simulator = SiteSimulator.start(vertx, config, clock).await();
    clock.advance(Duration.ofSeconds(30));
    ModbusDevice device =
        gasMeter
            ? ModbusDevicePointsTest.device(
                "flare-1", ModbusConfig.Role.FLARE_METER, simulator.flareMeter())
            : ModbusDevicePointsTest.generatorDevice(simulator.generator());
    try {
      DeviceReading reading = device.poll("site", clock.millis());
      Map<String, Double> served = assertStoredAsServed(resource, simulator, deviceId, reading);
      if (served.containsKey("power_kw")) {
        assertTrue(served.get("power_kw") > 0, resource + " serves the generator's power");
      }
      if (gasMeter) {
        device.commit(reading);
        simulator.groundTruth().clear();
        clock.advance(Duration.ofSeconds(60));
        DeviceReading next = device.poll("site", clock.millis());
        Map<String, Double> servedNext = assertStoredAsServed(resource, simulator, deviceId, next);
        // what the totalizer advanced, as the decimals it was served as
        double expected =
            BigDecimal.valueOf(servedNext.get("volume_total_scf"))
                .subtract(BigDecimal.valueOf(served.get("volume_total_scf")))
                .doubleValue();
        assertTrue(expected > 0, resource + ": the flare line carried gas between the polls");
        assertNotNull(next.intervalVolumeScf(), resource + ": an interval volume");
        assertEquals(expected, next.intervalVolumeScf(), resource + ": interval volume");
        assertEquals(
            expected,
            next.point().fields().get(Schema.FIELD_INTERVAL_VOLUME_SCF),
            resource + ": interval volume stored");
        assertEquals(
            60.0,
            next.point().fields().get(Schema.FIELD_INTERVAL_SECONDS),
            resource + ": interval length");
      }
    } finally {
      device.close();
      simulator.close().await();
      vertx.close().await();
    }
  }

  /**
   * Asserts the point holds exactly the values (and the reading the strings) served; returns them.
   */
  private static Map<String, Double> assertStoredAsServed(
      String resource, SiteSimulator simulator, String deviceId, DeviceReading reading) {
    Map<String, Double> served = new TreeMap<>();
    Map<String, String> servedTexts = new HashMap<>();
    for (ServedRegisters response : simulator.groundTruth().registerReadings(deviceId)) {
      served.putAll(response.values());
      servedTexts.putAll(response.texts());
    }
    Map<String, Object> stored = new TreeMap<>(reading.point().fields());
    assertEquals(1L, stored.remove("up"));
    TOTALIZER_FIELDS.forEach(stored::remove);
    assertFalse(reading.raw().isPartial(), reading.raw().failureDetail());
    assertEquals(served, stored, resource + ": stored fields equal the served values");
    assertEquals(servedTexts, reading.raw().texts(), resource + ": strings as served");
    return served;
  }
}
