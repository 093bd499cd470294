package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads every register of every simulated device with an independent Modbus client (j2mod), decodes
 * it per the device-drivers register-map JSON, and compares with the simulator's state.
 */
class ModbusRegistersTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private SimHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new SimHarness(SimHarness.config(6, 11));
    h.tick(30);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  static JsonNode loadMap(String resource) throws Exception {
    try (InputStream in =
        ModbusRegistersTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, "register map " + resource + " on the test classpath");
      return MAPPER.readTree(in);
    }
  }

  private ModbusEndpoint endpoint(String deviceId) {
    return switch (deviceId) {
      case "generator" -> h.sim.generator();
      case "genset-fuel" -> h.sim.gensetFuelMeter();
      default -> h.sim.flareMeter();
    };
  }

  private static ModbusTCPMaster connect(ModbusEndpoint e) throws Exception {
    ModbusTCPMaster master = new ModbusTCPMaster(e.host(), e.port(), 5000, false);
    master.setRetries(0);
    master.connect();
    return master;
  }

  private static InputRegister[] read(ModbusTCPMaster m, int unit, String function, int ref, int n)
      throws ModbusException {
    return "holding".equals(function)
        ? m.readMultipleRegisters(unit, ref, n)
        : m.readInputRegisters(unit, ref, n);
  }

  /** Decodes a value per a JSON register-map entry (independent of the simulator's code). */
  private static double decode(JsonNode spec, InputRegister[] regs) {
    String type = spec.get("type").asText();
    double raw;
    if (type.endsWith("32")) {
      boolean little = "little".equals(spec.path("wordOrder").asText("big"));
      int hi = regs[little ? 1 : 0].toUnsignedShort();
      int lo = regs[little ? 0 : 1].toUnsignedShort();
      int bits = (hi << 16) | lo;
      raw =
          switch (type) {
            // a float is the decimal it prints as, as the register-map format says
            case "float32" -> Double.parseDouble(Float.toString(Float.intBitsToFloat(bits)));
            case "uint32" -> Integer.toUnsignedLong(bits);
            default -> bits;
          };
    } else {
      raw = "int16".equals(type) ? regs[0].toShort() : regs[0].toUnsignedShort();
    }
    return raw * spec.get("scale").asDouble() + spec.get("offset").asDouble();
  }

  @ParameterizedTest
  @ValueSource(strings = {"generator", "genset-fuel", "flare"})
  void everyRegisterDecodesToTheState(String deviceId) throws Exception {
    ModbusEndpoint e = endpoint(deviceId);
    JsonNode map = loadMap(e.registerMap());
    SiteSnapshot state = h.sim.snapshot();
    Map<String, Double> expected =
        switch (deviceId) {
          case "generator" -> state.generator().registerValues();
          case "genset-fuel" -> state.gensetFuel().registerValues();
          default -> state.flare().registerValues();
        };
    h.sim.groundTruth().clear();
    ModbusTCPMaster master = connect(e);
    try {
      for (JsonNode spec : map.get("registers")) {
        String name = spec.get("name").asText();
        int width = spec.get("type").asText().endsWith("32") ? 2 : 1;
        InputRegister[] regs =
            read(
                master,
                e.unitId(),
                spec.get("function").asText(),
                spec.get("address").asInt(),
                width);
        double value = decode(spec, regs);
        double want = expected.get(name);
        double tolerance =
            "float32".equals(spec.get("type").asText())
                ? Math.abs(want) * 1e-6 + 1e-9
                : spec.get("scale").asDouble() / 2 + 1e-9;
        assertEquals(want, value, tolerance, deviceId + " " + name);
        List<ServedRegisters> served = h.sim.groundTruth().registerReadings(deviceId);
        ServedRegisters last = served.get(served.size() - 1);
        assertEquals(value, last.values().get(name), 1e-9, "ground truth of " + name);
        assertEquals(state.tick(), last.tick());
      }
    } finally {
      master.disconnect();
    }
    assertEquals(
        map.get("registers").size(), h.sim.groundTruth().registerReadings(deviceId).size());
  }

  @Test
  void devicesServeTheSimulatorsOwnMapsByDefault() {
    assertEquals("register-maps/flarewatch-sim-generator.json", h.sim.generator().registerMap());
    assertEquals(
        "register-maps/flarewatch-sim-gas-meter.json", h.sim.gensetFuelMeter().registerMap());
    assertEquals("register-maps/flarewatch-sim-gas-meter.json", h.sim.flareMeter().registerMap());
  }

  @Test
  void blockReadsWithinTheLimitAreServed() throws Exception {
    ModbusTCPMaster master = connect(h.sim.generator());
    try {
      InputRegister[] regs = master.readMultipleRegisters(1, 0, 8);
      assertEquals(8, regs.length);
      GeneratorReading g = h.sim.snapshot().generator();
      int bits = (regs[0].toUnsignedShort() << 16) | regs[1].toUnsignedShort();
      assertEquals(g.powerKw(), Float.intBitsToFloat(bits), 1e-3);
      assertEquals(g.engineRpm(), regs[5].toUnsignedShort());
    } finally {
      master.disconnect();
    }
  }

  /** code expected for: gap address, too long a read, wrong function, wrong unit id. */
  @Test
  void badRequestsGetModbusExceptions() throws Exception {
    ModbusTCPMaster gen = connect(h.sim.generator());
    ModbusTCPMaster meter = connect(h.sim.gensetFuelMeter());
    try {
      assertEquals(2, exceptionCode(() -> gen.readMultipleRegisters(1, 8, 2)), "gap 8..9");
      assertEquals(3, exceptionCode(() -> gen.readMultipleRegisters(1, 0, 17)), "over 16");
      assertEquals(3, exceptionCode(() -> meter.readInputRegisters(1, 0, 9)), "over 8");
      assertEquals(1, exceptionCode(() -> meter.readMultipleRegisters(1, 0, 2)), "FC3 on meter");
      assertEquals(0x0B, exceptionCode(() -> gen.readMultipleRegisters(7, 0, 2)), "unit 7");
      assertEquals(2, gen.readMultipleRegisters(1, 0, 2).length, "connection still usable");
    } finally {
      gen.disconnect();
      meter.disconnect();
    }
  }

  @Test
  void injectedExceptionForNextRequestsThenNormal() throws Exception {
    h.sim.faults().modbus("flare", ModbusFaultSettings.exceptionForNext(6, 2));
    ModbusTCPMaster m = connect(h.sim.flareMeter());
    try {
      assertEquals(6, exceptionCode(() -> m.readInputRegisters(1, 0, 2)));
      assertEquals(6, exceptionCode(() -> m.readInputRegisters(1, 0, 2)));
      assertEquals(2, m.readInputRegisters(1, 0, 2).length);
      assertEquals(0, h.sim.faults().modbus("flare").exceptionNextRequests());
    } finally {
      m.disconnect();
    }
  }

  @Test
  void injectedExceptionFractionHitsSomeRequests() throws Exception {
    h.sim.faults().modbus("generator", ModbusFaultSettings.exceptionFraction(6, 0.5));
    ModbusTCPMaster m = connect(h.sim.generator());
    int busy = 0;
    int ok = 0;
    try {
      for (int i = 0; i < 60; i++) {
        try {
          m.readMultipleRegisters(1, 0, 2);
          ok++;
        } catch (ModbusSlaveException e) {
          assertEquals(6, e.getType());
          busy++;
        }
      }
    } finally {
      m.disconnect();
    }
    assertTrue(busy > 5 && ok > 5, busy + " busy, " + ok + " ok");
  }

  @Test
  void injectedConnectionResetDropsTheRequest() throws Exception {
    h.sim.faults().modbus("genset-fuel", ModbusFaultSettings.resetForNext(1));
    ModbusEndpoint e = h.sim.gensetFuelMeter();
    byte[] request = {0, 1, 0, 0, 0, 6, 1, 4, 0, 0, 0, 2}; // tx 1, unit 1, FC4 at 0, 2 regs
    try (java.net.Socket s = new java.net.Socket(e.host(), e.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request);
      assertEquals(-1, s.getInputStream().read(), "closed without a response");
    }
    try (java.net.Socket s = new java.net.Socket(e.host(), e.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request);
      byte[] response = s.getInputStream().readNBytes(13);
      assertEquals(13, response.length);
      assertEquals(4, response[7], "FC4 answered normally on a new connection");
      assertEquals(4, response[8], "4 data bytes");
    }
  }

  private interface ModbusCall {
    void run() throws ModbusException;
  }

  private static int exceptionCode(ModbusCall call) {
    ModbusSlaveException e = assertThrows(ModbusSlaveException.class, call::run);
    return e.getType();
  }
}
