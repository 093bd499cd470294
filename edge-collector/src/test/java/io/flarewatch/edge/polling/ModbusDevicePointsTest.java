package io.flarewatch.edge.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.simulator.ManualClock;
import io.flarewatch.simulator.ModbusEndpoint;
import io.flarewatch.simulator.ModbusFaultSettings;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.flarewatch.wire.Point;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a Modbus reading becomes a point when some or all of the device's blocks fail: the simulated
 * generator answers chosen requests with a Modbus exception.
 */
class ModbusDevicePointsTest {

  private Vertx vertx;
  private SiteSimulator simulator;
  private ModbusDevice generator;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    simulator =
        SiteSimulator.start(
                vertx,
                SimulatorConfig.defaults(3, 5),
                new ManualClock(Instant.parse("2026-03-01T12:00:00Z")))
            .await();
    generator = generatorDevice(simulator.generator());
  }

  /** The edge's device for a simulated generator, with the map the simulator serves. */
  static ModbusDevice generatorDevice(ModbusEndpoint e) {
    return device("gen-1", ModbusConfig.Role.GENERATOR, e);
  }

  /**
   * The edge's device {@code id} in {@code role} for a simulated one, reading the map it serves.
   */
  static ModbusDevice device(String id, ModbusConfig.Role role, ModbusEndpoint e) {
    return new ModbusDevice(
        new ModbusConfig(
            id, role, e.host(), e.port(), e.unitId(), "classpath:" + e.registerMap(), null, null),
        Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    generator.close();
    simulator.close().await();
    vertx.close().await();
  }

  @Test
  void oneFailedBlockKeepsTheRestOfTheReading() {
    // the first request of the poll (holding 0..7) is refused, the other three are answered
    simulator.faults().modbus("generator", ModbusFaultSettings.exceptionForNext(2, 1));

    Point point = generator.poll("site", 1_000L).point();
    Map<String, Object> fields = point.fields();

    assertEquals(1L, fields.get("up"));
    assertTrue(fields.containsKey("coolant_temp_c"), fields.toString());
    assertTrue(fields.containsKey("run_hours"), fields.toString());
    assertFalse(fields.containsKey("power_kw"), fields.toString());
  }

  @Test
  void partialPointNamesTheFailedRegistersAndTheCode() {
    simulator.faults().modbus("generator", ModbusFaultSettings.exceptionForNext(2, 1));

    Map<String, Object> fields = generator.poll("site", 1_000L).point().fields();

    assertEquals("modbus_exception", fields.get("error"));
    assertEquals(
        "02 illegal data address (holding 0..7): power_kw, apparent_power_kva, load_pct,"
            + " engine_rpm, fuel_flow_scfh",
        fields.get("error_detail"));
    assertEquals(5L, fields.get("registers_failed"));
  }

  @Test
  void deviceThatDeliversNothingIsDownWithAStableCode() {
    simulator.faults().modbus("generator", ModbusFaultSettings.exceptionForNext(2, 100));

    Throwable failure = assertThrows(RuntimeException.class, () -> generator.poll("site", 1L));
    Map<String, Object> fields = generator.silent("site", 1L, failure).fields();

    assertEquals(0L, fields.get("up"));
    assertEquals("modbus_exception", fields.get("error"));
    assertEquals("02 illegal data address (holding 0..7)", fields.get("error_detail"));
    assertEquals(12L, fields.get("registers_failed"), "every register of the generator map");
  }

  @Test
  void deviceNobodyListensForIsCodedRefused() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    ModbusEndpoint e = simulator.generator();
    try (ModbusDevice nobody =
        generatorDevice(
            new ModbusEndpoint(e.id(), e.host(), closedPort, e.unitId(), e.registerMap()))) {
      Throwable failure = assertThrows(RuntimeException.class, () -> nobody.poll("site", 1L));
      Map<String, Object> fields = nobody.silent("site", 1L, failure).fields();

      assertEquals(0L, fields.get("up"));
      assertEquals("refused", fields.get("error"), fields.toString());
      assertEquals("connection refused (holding 0..7)", fields.get("error_detail"));
    }
  }

  @Test
  void completeReadingCarriesNoErrorFields() {
    Map<String, Object> fields = generator.poll("site", 1_000L).point().fields();

    assertEquals(1L, fields.get("up"));
    assertFalse(fields.containsKey("error"), fields.toString());
    assertFalse(fields.containsKey("registers_failed"), fields.toString());
  }
}
