package io.flarewatch.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.flarewatch.drivers.DeviceFailure;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against an in-process j2mod TCP slave on a free loopback port. */
class ModbusDeviceClientTest {

  private static final int UNIT = 1;
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final RegisterMap generator =
      RegisterMapLoader.fromResource("register-maps/flarewatch-sim-generator.json");
  private final RegisterMap gasMeter =
      RegisterMapLoader.fromResource("register-maps/flarewatch-sim-gas-meter.json");

  private int port;
  private ModbusSlave slave;
  private SimpleProcessImage image;

  @BeforeEach
  void startSlave() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    image = new SimpleProcessImage(UNIT);
    for (int address = 0; address < 50; address++) {
      image.addRegister(new SimpleRegister(0));
      image.addInputRegister(new SimpleInputRegister(0));
    }
    fillGenerator();
    fillGasMeter();
    openSlave();
  }

  @AfterEach
  void stopSlave() {
    if (slave != null) {
      ModbusSlaveFactory.close(slave);
    }
  }

  private void openSlave() throws Exception {
    slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
    slave.addProcessImage(UNIT, image);
    slave.open();
  }

  private void holding(int address, int... words) {
    for (int i = 0; i < words.length; i++) {
      image.getRegister(address + i).setValue(words[i]);
    }
  }

  private void input(int address, int... words) {
    for (int i = 0; i < words.length; i++) {
      image.setInputRegister(address + i, new SimpleInputRegister(words[i]));
    }
  }

  private static int[] floatBig(float value) {
    int bits = Float.floatToIntBits(value);
    return new int[] {bits >>> 16, bits & 0xFFFF};
  }

  private static int[] floatLittle(float value) {
    int[] big = floatBig(value);
    return new int[] {big[1], big[0]};
  }

  private void fillGenerator() {
    holding(0, floatBig(412.5f)); // power_kw
    holding(2, floatBig(450.25f)); // apparent_power_kva
    holding(4, 735); // load_pct x0.1
    holding(5, 1800); // engine_rpm
    holding(6, floatLittle(5120.5f)); // fuel_flow_scfh, low word first
    holding(20, 0xFFF6); // coolant_temp_c = -10 x0.1
    holding(21, 420); // oil_pressure_kpa
    holding(22, 5998); // frequency_hz x0.01
    holding(23, 4776); // voltage_ll_avg_v x0.1
    holding(30, 0x0001, 0x0000); // run_hours = 65536 x0.1
    holding(40, 0x0005); // status_bits
    holding(41, 0x0030); // alarm_bits: low gas pressure (bit 4) and engine trip (bit 5)
  }

  private void fillGasMeter() {
    input(0, floatLittle(310.75f)); // flow_rate_mscfd
    input(2, 0x8000, 0x0010); // volume_total_scf = (2^31 + 16) × 0.01
    input(4, floatBig(95.5f)); // pressure_psig
    input(6, 0xFF9C); // temperature_f = -100 x0.1
    input(10, 0x0003); // status_bits
  }

  private ModbusDeviceClient client(RegisterMap map) {
    return new ModbusDeviceClient(
        map,
        ModbusDeviceConfig.of("127.0.0.1", port).withTimeout(Duration.ofSeconds(2)),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void readsEveryGeneratorRegister() {
    try (ModbusDeviceClient client = client(generator)) {
      ModbusReading reading = client.read();

      assertEquals("generator", reading.device());
      assertEquals(NOW, reading.timestamp());
      Map<String, Double> v = reading.values();
      assertEquals(18, v.size(), "12 registers and the 6 named bits of alarm_bits");
      assertEquals(412.5, v.get("power_kw"), 1e-9);
      assertEquals(450.25, v.get("apparent_power_kva"), 1e-9);
      assertEquals(73.5, v.get("load_pct"), 1e-9);
      assertEquals(1800.0, v.get("engine_rpm"), 1e-9);
      assertEquals(5120.5, v.get("fuel_flow_scfh"), 1e-9);
      assertEquals(-1.0, v.get("coolant_temp_c"), 1e-9);
      assertEquals(420.0, v.get("oil_pressure_kpa"), 1e-9);
      assertEquals(6553.6, v.get("run_hours"), 1e-9);
      assertEquals(5.0, v.get("status_bits"), 1e-9);
      assertEquals(59.98, v.get("frequency_hz"), 1e-9);
      assertEquals(477.6, v.get("voltage_ll_avg_v"), 1e-9);
      assertEquals(48.0, v.get("alarm_bits"), 1e-9);
      assertEquals(1.0, v.get("low_gas_pressure"), 1e-9);
      assertEquals(1.0, v.get("engine_trip"), 1e-9);
      assertEquals(0.0, v.get("low_oil_pressure"), 1e-9);
      assertEquals(0.0, v.get("overspeed"), 1e-9);
      assertEquals(0.0, v.get("overload"), 1e-9);
      assertEquals(0.0, v.get("high_coolant_temp"), 1e-9);
      assertTrue(reading.invalid().isEmpty());
    }
  }

  @Test
  void readsGasMeterInputRegisters() {
    try (ModbusDeviceClient client = client(gasMeter)) {
      ModbusReading reading = client.read();

      assertEquals(310.75, reading.value("flow_rate_mscfd").orElseThrow(), 1e-9);
      assertEquals(21474836.64, reading.value("volume_total_scf").orElseThrow(), 1e-7);
      assertEquals(95.5, reading.value("pressure_psig").orElseThrow(), 1e-9);
      assertEquals(-10.0, reading.value("temperature_f").orElseThrow(), 1e-9);
      assertEquals(3.0, reading.value("status_bits").orElseThrow(), 1e-9);
    }
  }

  @Test
  void nanFloatIsReportedInvalidNotAsAValue() {
    input(0, floatLittle(Float.NaN));
    try (ModbusDeviceClient client = client(gasMeter)) {
      ModbusReading reading = client.read();

      assertFalse(reading.value("flow_rate_mscfd").isPresent());
      assertEquals(List.of("flow_rate_mscfd"), reading.invalid());
      assertEquals(95.5, reading.value("pressure_psig").orElseThrow(), 1e-9);
    }
  }

  @Test
  void plansOneRequestPerBlock() {
    try (ModbusDeviceClient client = client(generator)) {
      assertEquals(
          List.of("holding 0..7", "holding 20..23", "holding 30..31", "holding 40..41"),
          client.plan().stream().map(ReadRange::toString).toList());
    }
  }

  @Test
  void seesNewValuesOnEveryRead() {
    try (ModbusDeviceClient client = client(generator)) {
      assertEquals(1800.0, client.read().value("engine_rpm").orElseThrow(), 1e-9);
      holding(5, 1500);
      assertEquals(1500.0, client.read().value("engine_rpm").orElseThrow(), 1e-9);
    }
  }

  @Test
  void healsAfterTheDeviceIsClosedAndReopened() throws Exception {
    try (DroppingTcpProxy link = new DroppingTcpProxy(port);
        ModbusDeviceClient client = clientVia(link, generator)) {
      assertEquals(1800.0, client.read().value("engine_rpm").orElseThrow(), 1e-9);

      ModbusSlaveFactory.close(slave);
      slave = null;
      link.dropConnections();
      ModbusDeviceException down = assertThrows(ModbusDeviceException.class, client::read);
      assertTrue(down.exceptionCode().isEmpty());
      assertTrue(down.getMessage().contains("generator at 127.0.0.1:"), down.getMessage());

      holding(5, 1650);
      openSlave();
      assertEquals(1650.0, client.read().value("engine_rpm").orElseThrow(), 1e-9);
    }
  }

  @Test
  void healsOnTheNextReadWhenTheConnectionWasReset() throws Exception {
    try (DroppingTcpProxy link = new DroppingTcpProxy(port);
        ModbusDeviceClient client = clientVia(link, generator)) {
      client.read();
      assertEquals(1, link.accepted());

      link.dropConnections();

      assertEquals(1800.0, client.read().value("engine_rpm").orElseThrow(), 1e-9);
      assertEquals(2, link.accepted(), "the read opened a new connection");
    }
  }

  private ModbusDeviceClient clientVia(DroppingTcpProxy link, RegisterMap map) {
    return new ModbusDeviceClient(
        map, ModbusDeviceConfig.of("127.0.0.1", link.port()).withTimeout(Duration.ofSeconds(2)));
  }

  @Test
  void exceptionReplyNamesDeviceFunctionRangeAndCode() {
    RegisterMap beyondImage =
        RegisterMapLoader.fromJson(
            "{\"device\":\"generator\",\"maxRegistersPerRequest\":16,\"registers\":["
                + "{\"name\":\"x\",\"address\":500,\"function\":\"holding\",\"type\":\"uint16\","
                + "\"unit\":\"u\"}]}");
    try (ModbusDeviceClient client = client(beyondImage)) {
      ModbusDeviceException e = assertThrows(ModbusDeviceException.class, client::read);

      assertEquals(2, e.exceptionCode().orElseThrow());
      assertFalse(e.isDeviceBusy());
      assertEquals("generator", e.device());
      assertTrue(
          e.getMessage()
              .contains(
                  "read holding registers 500..500 (function 3): device replied with exception"
                      + " code 2 (illegal data address)"),
          e.getMessage());
    }
  }

  @Test
  void unreachableDeviceFailsWithoutACode() {
    ModbusSlaveFactory.close(slave);
    slave = null;
    try (ModbusDeviceClient client = client(gasMeter)) {
      ModbusDeviceException e = assertThrows(ModbusDeviceException.class, client::read);

      assertTrue(e.exceptionCode().isEmpty());
      assertTrue(e.getMessage().contains("read input registers 0..6"), e.getMessage());
      assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    }
  }

  @Test
  void busyDeviceIsRetriedOnce() throws Exception {
    try (ScriptedModbusDevice busy = busyDevice(1);
        ModbusDeviceClient client = busyClient(busy)) {
      ModbusReading reading = client.read();

      assertEquals(5.0, reading.value("engine_rpm").orElseThrow(), 1e-9);
      assertEquals(5, busy.requests(), "one busy reply, its retry, then three more blocks");
    }
  }

  @Test
  void deviceStillBusyAfterRetryFailsWithCodeSix() throws Exception {
    try (ScriptedModbusDevice busy = busyDevice(Integer.MAX_VALUE);
        ModbusDeviceClient client = busyClient(busy)) {
      ModbusDeviceException e = assertThrows(ModbusDeviceException.class, client::read);

      assertTrue(e.isDeviceBusy());
      assertEquals(6, e.exceptionCode().orElseThrow());
      assertEquals(8, busy.requests(), "each of the four blocks and its one retry");
      assertTrue(
          e.getMessage()
              .contains(
                  "read holding registers 0..7 (function 3): device replied with exception code 6"
                      + " (device busy) again after one retry"),
          e.getMessage());
      assertEquals("modbus_exception", e.code());
      assertEquals("06 device busy (holding 0..7) after one retry", e.detail());
    }
  }

  @Test
  void blockStillBusyAfterRetryIsLostAloneTheOthersAreRead() throws Exception {
    try (ScriptedModbusDevice busy = busyDevice(2);
        ModbusDeviceClient client = busyClient(busy)) {
      ModbusReading reading = client.read();

      assertEquals(5, busy.requests(), "busy, its retry busy, then the three other blocks");
      assertEquals(
          List.of("power_kw", "apparent_power_kva", "load_pct", "engine_rpm", "fuel_flow_scfh"),
          reading.failedRegisters());
      assertTrue(reading.failed().get(0).failure().isDeviceBusy());
      assertEquals(2.0, reading.value("coolant_temp_c").orElseThrow(), 1e-9, "address 20 x 0.1");
    }
  }

  /** A register map with the generator's blocks plus one block beyond what the device serves. */
  private RegisterMap generatorWithUnservedBlock() {
    return RegisterMapLoader.fromJson(
        "{\"device\":\"generator\",\"maxRegistersPerRequest\":16,\"registers\":["
            + "{\"name\":\"engine_rpm\",\"address\":5,\"function\":\"holding\","
            + "\"type\":\"uint16\",\"unit\":\"rpm\"},"
            + "{\"name\":\"x\",\"address\":500,\"function\":\"holding\",\"type\":\"uint16\","
            + "\"unit\":\"u\"},"
            + "{\"name\":\"y\",\"address\":501,\"function\":\"holding\",\"type\":\"uint16\","
            + "\"unit\":\"u\"},"
            + "{\"name\":\"oil_pressure_kpa\",\"address\":21,\"function\":\"holding\","
            + "\"type\":\"uint16\",\"unit\":\"kPa\"}]}");
  }

  @Test
  void oneFailedBlockKeepsTheOtherBlocksValues() {
    try (ModbusDeviceClient client = client(generatorWithUnservedBlock())) {
      ModbusReading reading = client.read();

      assertEquals(1800.0, reading.value("engine_rpm").orElseThrow(), 1e-9);
      assertEquals(420.0, reading.value("oil_pressure_kpa").orElseThrow(), 1e-9);
      assertFalse(reading.value("x").isPresent());
    }
  }

  @Test
  void partialReadingNamesTheFailedRegistersAndWhy() {
    try (ModbusDeviceClient client = client(generatorWithUnservedBlock())) {
      ModbusReading reading = client.read();

      assertTrue(reading.isPartial());
      assertEquals(List.of("x", "y"), reading.failedRegisters());
      assertEquals("modbus_exception", reading.firstFailure().orElseThrow().code());
      assertEquals("02 illegal data address (holding 500..501): x, y", reading.failureDetail());
    }
  }

  @Test
  void failuresCarryAStableCodeAndDetail() {
    RegisterMap beyondImage =
        RegisterMapLoader.fromJson(
            "{\"device\":\"generator\",\"maxRegistersPerRequest\":16,\"registers\":["
                + "{\"name\":\"x\",\"address\":500,\"function\":\"holding\","
                + "\"type\":\"uint16\",\"unit\":\"u\"}]}");
    try (ModbusDeviceClient client = client(beyondImage)) {
      DeviceFailure failure = assertThrows(ModbusDeviceException.class, client::read);

      assertEquals("modbus_exception", failure.code());
      assertEquals("02 illegal data address (holding 500..500)", failure.detail());
    }
  }

  @Test
  void refusedConnectionIsCodedRefused() {
    ModbusSlaveFactory.close(slave);
    slave = null;
    try (ModbusDeviceClient client = client(gasMeter)) {
      ModbusDeviceException e = assertThrows(ModbusDeviceException.class, client::read);

      assertEquals("refused", e.code());
      assertEquals("connection refused (input 0..6)", e.detail());
    }
  }

  @Test
  void deviceThatNeverAnswersIsCodedTimeoutAndTriedOnce() throws Exception {
    try (ScriptedModbusDevice mute = new ScriptedModbusDevice().silent();
        ModbusDeviceClient client =
            new ModbusDeviceClient(
                generator,
                ModbusDeviceConfig.of("127.0.0.1", mute.port())
                    .withTimeout(Duration.ofMillis(300)))) {
      ModbusDeviceException e = assertThrows(ModbusDeviceException.class, client::read);

      assertEquals("timeout", e.code());
      assertEquals("no answer within 300 ms (holding 0..7)", e.detail());
    }
  }

  /** A device answering "busy" to its first requests, then registers holding their address. */
  private static ScriptedModbusDevice busyDevice(int busyRequests) throws Exception {
    ScriptedModbusDevice device = new ScriptedModbusDevice().busyFor(busyRequests);
    for (int address = 0; address < 50; address++) {
      device.set(RegisterFunction.HOLDING, address, address);
    }
    return device;
  }

  private ModbusDeviceClient busyClient(ScriptedModbusDevice device) {
    return new ModbusDeviceClient(
        generator,
        ModbusDeviceConfig.of("127.0.0.1", device.port())
            .withTimeout(Duration.ofSeconds(2))
            .withBusyRetryPause(Duration.ofMillis(10)));
  }
}
