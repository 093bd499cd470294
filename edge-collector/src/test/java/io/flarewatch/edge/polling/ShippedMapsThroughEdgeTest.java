package io.flarewatch.edge.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.drivers.modbus.ShippedRegisterMaps;
import io.flarewatch.simulator.ManualClock;
import io.flarewatch.simulator.ServedRegisters;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped register map, served by the simulated generator and polled through the edge's
 * Modbus path (ModbusDeviceClient in ModbusDevice): every field of the point is exactly the value
 * the simulator served, and nothing served is missing.
 */
class ShippedMapsThroughEdgeTest {

  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  static Stream<String> maps() {
    return ShippedRegisterMaps.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maps")
  void edgeStoresExactlyWhatTheDeviceServed(String resource) {
    Vertx vertx = Vertx.vertx();
    ManualClock clock = new ManualClock(START);
    SimulatorConfig base = SimulatorConfig.defaults(6, 17);
    SimulatorConfig config =
        base.withModbus(base.modbus().withRegisterMap(SimulatorConfig.GENERATOR, resource));
    SiteSimulator simulator = SiteSimulator.start(vertx, config, clock).await();
    clock.advance(Duration.ofSeconds(30));
    ModbusDevice device = ModbusDevicePointsTest.generatorDevice(simulator.generator());
    try {
      DeviceReading reading = device.poll("site", clock.millis());

      Map<String, Double> served = new TreeMap<>();
      Map<String, String> servedTexts = new HashMap<>();
      for (ServedRegisters response : simulator.groundTruth().registerReadings("generator")) {
        served.putAll(response.values());
        servedTexts.putAll(response.texts());
      }
      Map<String, Object> stored = new TreeMap<>(reading.point().fields());
      assertEquals(1L, stored.remove("up"));
      assertFalse(reading.raw().isPartial(), reading.raw().failureDetail());
      assertEquals(served, stored, resource + ": stored fields equal the served values");
      assertEquals(servedTexts, reading.raw().texts(), resource + ": strings as served");
      if (served.containsKey("power_kw")) {
        assertTrue(served.get("power_kw") > 0, resource + " serves the generator's power");
      }
    } finally {
      device.close();
      simulator.close().await();
      vertx.close().await();
    }
  }
}
