package io.flarewatch.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegisterMapLoaderTest {

  private static final String OK_A =
      "{\"name\":\"a\",\"address\":0,\"function\":\"holding\",\"type\":\"uint16\",\"scale\":1,"
          + "\"offset\":0,\"unit\":\"kW\"}";

  private static String map(String registers) {
    return "{\"device\":\"genset\",\"description\":\"test\",\"maxRegistersPerRequest\":16,"
        + "\"registers\":["
        + registers
        + "]}";
  }

  private static String second(String fields) {
    return map(OK_A + ",{\"name\":\"b\"," + fields + "}");
  }

  @Test
  void loadsTheSimulatorGeneratorMap() {
    RegisterMap map = RegisterMapLoader.fromResource("register-maps/flarewatch-sim-generator.json");

    assertEquals("generator", map.device());
    assertEquals(16, map.maxRegistersPerRequest());
    assertEquals(12, map.registers().size());
    RegisterDefinition runHours = map.register("run_hours").orElseThrow();
    assertEquals(30, runHours.address());
    assertEquals(RegisterType.UINT32, runHours.type());
    assertEquals(ByteOrder.ABCD, runHours.byteOrder());
    assertEquals(new BigDecimal("0.1"), runHours.scale());
    assertEquals("h", runHours.unit());
    RegisterDefinition fuel = map.register("fuel_flow_scfh").orElseThrow();
    assertEquals(ByteOrder.CDAB, fuel.byteOrder());
    assertEquals(ByteOrder.ABCD, map.register("load_pct").orElseThrow().byteOrder());
    assertEquals(
        List.of(
            new BitField("low_oil_pressure", 0, 1),
            new BitField("high_coolant_temp", 1, 1),
            new BitField("overspeed", 2, 1),
            new BitField("overload", 3, 1),
            new BitField("low_gas_pressure", 4, 1),
            new BitField("engine_trip", 5, 1)),
        map.register("alarm_bits").orElseThrow().bits(),
        "the alarm word names one alarm per bit");
  }

  @Test
  void loadsTheSimulatorGasMeterMap() {
    RegisterMap map = RegisterMapLoader.fromResource("register-maps/flarewatch-sim-gas-meter.json");

    assertEquals("gas_meter", map.device());
    assertEquals(8, map.maxRegistersPerRequest());
    assertTrue(map.registers().stream().allMatch(r -> r.function() == RegisterFunction.INPUT));
    assertEquals(RegisterType.UINT32, map.register("volume_total_scf").orElseThrow().type());
  }

  @Test
  void loadsYamlFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("meter.yaml");
    Files.writeString(
        file,
        """
        device: gas_meter
        description: YAML flavour
        maxRegistersPerRequest: 10
        registers:
          - name: volume_total_scf
            address: 2
            function: input
            type: uint32
            wordOrder: little
            scale: 10
            offset: 0
            unit: scf
          - name: temperature_f
            address: 6
            function: input
            type: int16
            scale: 0.1
            unit: degF
        """);

    RegisterMap map = RegisterMapLoader.load(file);

    assertEquals(2, map.registers().size());
    RegisterDefinition volume = map.registers().get(0);
    assertEquals(ByteOrder.CDAB, volume.byteOrder());
    assertEquals(0, BigDecimal.TEN.compareTo(volume.scale()));
    assertEquals(BigDecimal.ZERO, map.registers().get(1).offset(), "offset defaults to 0");
  }

  @Test
  void readsTheNewKeysOfTheFormat() {
    RegisterMap map =
        RegisterMapLoader.fromYaml(
            """
            device: genset
            maxRegistersPerRequest: 32
            maxBitsPerRequest: 64
            maxGap: 2
            registers:
              - name: status
                address: 0
                function: holding
                type: uint16
                unit: bits
                bits:
                  - {name: running, bit: 0}
                  - {name: alarm_state, bit: 4, width: 4}
              - {name: energy_kwh, address: 1, function: holding, type: uint64, byteOrder: HGFEDCBA,
                 scale: 0.1, unit: kWh}
              - {name: serial, address: 5, function: holding, type: string, length: 8, byteOrder: BA}
              - {name: rpm, address: 13, function: input, type: uint16, unit: rpm, invalid: [65535]}
              - {name: breaker, address: 3, function: coil, type: bool}
              - {name: e_stop, address: 7, function: discrete, type: bool}
            """);

    assertEquals(64, map.maxBitsPerRequest());
    assertEquals(2, map.maxGap());
    RegisterDefinition status = map.register("status").orElseThrow();
    assertEquals(
        List.of(new BitField("running", 0, 1), new BitField("alarm_state", 4, 4)), status.bits());
    RegisterDefinition energy = map.register("energy_kwh").orElseThrow();
    assertEquals(ByteOrder.DCBA, energy.byteOrder());
    assertEquals(4, energy.size());
    assertEquals(new BigDecimal("0.1"), energy.scale());
    RegisterDefinition serial = map.register("serial").orElseThrow();
    assertEquals(RegisterType.STRING, serial.type());
    assertEquals(8, serial.size());
    assertEquals(ByteOrder.BADC, serial.byteOrder());
    assertEquals(Set.of(BigInteger.valueOf(65535)), map.register("rpm").orElseThrow().invalid());
    assertEquals(RegisterFunction.COIL, map.register("breaker").orElseThrow().function());
    assertEquals(RegisterType.BOOL, map.register("e_stop").orElseThrow().type());
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.json");
    RegisterMapException e =
        assertThrows(RegisterMapException.class, () -> RegisterMapLoader.load(missing));
    assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
  }

  static Stream<Arguments> invalidMaps() {
    return Stream.of(
        Arguments.of(
            "unknown type",
            second("\"address\":1,\"function\":\"holding\",\"type\":\"int8\",\"unit\":\"x\""),
            "register map 'genset': registers[1] (b): unknown type 'int8' (expected bool, float32,"
                + " float64, int16, int32, int64, string, uint16, uint32, uint64)"),
        Arguments.of(
            "unknown function",
            second("\"address\":1,\"function\":\"relay\",\"type\":\"uint16\",\"unit\":\"x\""),
            "registers[1] (b): unknown function 'relay' (expected coil, discrete, holding, input)"),
        Arguments.of(
            "unknown register key",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\","
                    + "\"sacle\":2"),
            "registers[1] (b): unknown key 'sacle'"),
        Arguments.of(
            "unknown top-level key",
            "{\"device\":\"genset\",\"maxRegistersPerRequest\":16,\"regs\":[],\"registers\":["
                + OK_A
                + "]}",
            "register map: unknown key 'regs'"),
        Arguments.of(
            "missing address",
            second("\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\""),
            "registers[1] (b): missing required key 'address'"),
        Arguments.of(
            "missing unit",
            second("\"address\":1,\"function\":\"holding\",\"type\":\"uint16\""),
            "registers[1] (b): missing required key 'unit'"),
        Arguments.of(
            "missing name",
            map(OK_A + ",{\"address\":1,\"function\":\"holding\",\"type\":\"uint16\"}"),
            "registers[1]: missing required key 'name'"),
        Arguments.of(
            "missing device",
            "{\"maxRegistersPerRequest\":16,\"registers\":[" + OK_A + "]}",
            "register map: missing required key 'device'"),
        Arguments.of(
            "missing maxRegistersPerRequest",
            "{\"device\":\"genset\",\"registers\":[" + OK_A + "]}",
            "register map 'genset': missing required key 'maxRegistersPerRequest'"),
        Arguments.of(
            "empty registers",
            map(""),
            "register map 'genset': registers must be a non-empty list"),
        Arguments.of(
            "duplicate name",
            map(OK_A + "," + OK_A.replace("\"address\":0", "\"address\":5")),
            "registers[1] (a): duplicate name, already used by registers[0]"),
        Arguments.of(
            "overlapping registers",
            second(
                "\"address\":0,\"function\":\"holding\",\"type\":\"float32\","
                    + "\"wordOrder\":\"big\",\"unit\":\"x\""),
            "registers[1] (b): address 0..1 overlaps registers[0] (a) at 0..0 in the holding"
                + " table"),
        Arguments.of(
            "negative address",
            second("\"address\":-1,\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\""),
            "registers[1] (b): address -1 is out of range"),
        Arguments.of(
            "address above 65535",
            second("\"address\":65536,\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\""),
            "registers[1] (b): address 65536 is out of range"),
        Arguments.of(
            "32-bit value running past 65535",
            second(
                "\"address\":65535,\"function\":\"holding\",\"type\":\"uint32\","
                    + "\"wordOrder\":\"big\",\"unit\":\"x\""),
            "registers[1] (b): address 65535 is out of range (a uint32 must fit in 0..65535)"),
        Arguments.of(
            "address not an integer",
            second("\"address\":\"7\",\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\""),
            "registers[1] (b): 'address' must be an integer, got \"7\""),
        Arguments.of(
            "zero scale",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint16\",\"scale\":0,"
                    + "\"unit\":\"x\""),
            "registers[1] (b): scale must not be zero"),
        Arguments.of(
            "scale not a number",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint16\",\"scale\":\"x10\","
                    + "\"unit\":\"x\""),
            "registers[1] (b): 'scale' must be a number"),
        Arguments.of(
            "missing word order on 32-bit type",
            second("\"address\":1,\"function\":\"holding\",\"type\":\"int32\",\"unit\":\"x\""),
            "registers[1] (b): byteOrder is required for int32 (ABCD, CDAB, BADC, DCBA; or"
                + " wordOrder: big or little)"),
        Arguments.of(
            "word order on 16-bit type",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"int16\","
                    + "\"wordOrder\":\"big\",\"unit\":\"x\""),
            "registers[1] (b): wordOrder is not allowed for 16-bit type int16"),
        Arguments.of(
            "unknown word order",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"float32\","
                    + "\"wordOrder\":\"middle\",\"unit\":\"x\""),
            "registers[1] (b): unknown wordOrder 'middle'"),
        Arguments.of(
            "max per request below 2",
            map(OK_A).replace("\"maxRegistersPerRequest\":16", "\"maxRegistersPerRequest\":1"),
            "register map 'genset': maxRegistersPerRequest must be between 2 and 125, got 1"),
        Arguments.of(
            "max per request above 125",
            map(OK_A).replace("\"maxRegistersPerRequest\":16", "\"maxRegistersPerRequest\":126"),
            "maxRegistersPerRequest must be between 2 and 125, got 126"),
        Arguments.of(
            "bits on a float",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"float32\","
                    + "\"byteOrder\":\"ABCD\",\"unit\":\"x\",\"bits\":[{\"name\":\"r\",\"bit\":0}]"),
            "registers[1] (b): bits need an unsigned integer type"),
        Arguments.of(
            "bit outside the word",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\","
                    + "\"bits\":[{\"name\":\"r\",\"bit\":14,\"width\":4}]"),
            "registers[1] (b): bits[0] (r): bits 14..17 do not fit a uint16 (0..15)"),
        Arguments.of(
            "bit fields sharing a bit",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\","
                    + "\"bits\":[{\"name\":\"mode\",\"bit\":4,\"width\":4},"
                    + "{\"name\":\"overload\",\"bit\":7}]"),
            "registers[1] (b): bits[1] (overload): bits 7..7 overlap bits[0] (mode)"),
        Arguments.of(
            "negative bit index",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\","
                    + "\"bits\":[{\"name\":\"r\",\"bit\":-1}]"),
            "registers[1] (b): bits[0] (r): bits -1..-1 do not fit a uint16 (0..15)"),
        Arguments.of(
            "bit without a name",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\","
                    + "\"bits\":[{\"bit\":3}]"),
            "registers[1] (b): bits[0]: missing required key 'name'"),
        Arguments.of(
            "bit field named like a register",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\","
                    + "\"bits\":[{\"name\":\"a\",\"bit\":0}]"),
            "registers[1] (b): bit field 'a': duplicate name, already used by registers[0]"),
        Arguments.of(
            "string without length",
            second("\"address\":1,\"function\":\"holding\",\"type\":\"string\""),
            "registers[1] (b): missing required key 'length'"),
        Arguments.of(
            "length on a number",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\","
                    + "\"length\":2"),
            "registers[1] (b): length applies to strings only"),
        Arguments.of(
            "string longer than one read",
            second("\"address\":1,\"function\":\"holding\",\"type\":\"string\",\"length\":20"),
            "registers[1] (b): a string of 20 registers does not fit in one read of"
                + " maxRegistersPerRequest 16"),
        Arguments.of(
            "scale on a string",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"string\",\"length\":2,"
                    + "\"scale\":0.1"),
            "registers[1] (b): scale and offset are not allowed for string"),
        Arguments.of(
            "bool in a register table",
            second("\"address\":1,\"function\":\"holding\",\"type\":\"bool\""),
            "registers[1] (b): type bool needs a coil or discrete table"),
        Arguments.of(
            "number in a coil table",
            second("\"address\":1,\"function\":\"coil\",\"type\":\"uint16\",\"unit\":\"x\""),
            "registers[1] (b): type uint16 cannot be read from the coil table (use bool)"),
        Arguments.of(
            "word swap on one register",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint16\",\"unit\":\"x\","
                    + "\"byteOrder\":\"CDAB\""),
            "registers[1] (b): byteOrder 'CDAB' does not fit uint16 (expected AB, BA)"),
        Arguments.of(
            "64-bit spelling on a 32-bit type",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint32\",\"unit\":\"x\","
                    + "\"byteOrder\":\"ABCDEFGH\""),
            "registers[1] (b): byteOrder 'ABCDEFGH' does not fit uint32 (expected ABCD, CDAB, BADC,"
                + " DCBA)"),
        Arguments.of(
            "byteOrder and wordOrder together",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"uint32\",\"unit\":\"x\","
                    + "\"byteOrder\":\"ABCD\",\"wordOrder\":\"big\""),
            "registers[1] (b): give byteOrder or wordOrder, not both"),
        Arguments.of(
            "sentinels on a float",
            second(
                "\"address\":1,\"function\":\"holding\",\"type\":\"float32\",\"unit\":\"x\","
                    + "\"byteOrder\":\"ABCD\",\"invalid\":[1]"),
            "registers[1] (b): invalid applies to integer types only"),
        Arguments.of(
            "negative maxGap",
            map(OK_A)
                .replace(
                    "\"maxRegistersPerRequest\":16", "\"maxRegistersPerRequest\":16,\"maxGap\":-1"),
            "register map 'genset': maxGap must not be negative, got -1"),
        Arguments.of(
            "no bits per request",
            map(OK_A)
                .replace(
                    "\"maxRegistersPerRequest\":16",
                    "\"maxRegistersPerRequest\":16,\"maxBitsPerRequest\":0"),
            "register map 'genset': maxBitsPerRequest must be between 1 and 2000, got 0"),
        Arguments.of("not JSON", "{\"device\": genset}", "register map is not valid JSON"),
        Arguments.of("not an object", "[1,2]", "register map must be a JSON object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidMaps")
  void rejectsInvalidMapNamingEntryAndKey(String rule, String json, String expectedMessage) {
    RegisterMapException e =
        assertThrows(RegisterMapException.class, () -> RegisterMapLoader.fromJson(json));
    assertTrue(
        e.getMessage().contains(expectedMessage),
        rule
            + ": message was '"
            + e.getMessage()
            + "', expected it to contain '"
            + expectedMessage
            + "'");
  }

  @Test
  void sameAddressInDifferentTablesIsNoOverlap() {
    RegisterMap map =
        RegisterMapLoader.fromJson(
            second("\"address\":0,\"function\":\"input\",\"type\":\"uint16\",\"unit\":\"x\""));
    assertEquals(2, map.registers().size());
  }

  @Test
  void yamlErrorsNameTheEntryToo() {
    RegisterMapException e =
        assertThrows(
            RegisterMapException.class,
            () ->
                RegisterMapLoader.fromYaml(
                    """
                    device: meter
                    maxRegistersPerRequest: 8
                    registers:
                      - {name: flow, address: 0, function: input, type: double, unit: x}
                    """));
    assertEquals(
        "register map 'meter': registers[0] (flow): unknown type 'double' (expected bool, float32,"
            + " float64, int16, int32, int64, string, uint16, uint32, uint64)",
        e.getMessage());
  }
}
