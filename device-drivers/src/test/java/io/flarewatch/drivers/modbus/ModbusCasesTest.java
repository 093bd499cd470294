package io.flarewatch.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case folder of {@code modbus-cases}: its map, read by the real client from a device serving
 * the case's registers, must decode to exactly the expected values.
 */
class ModbusCasesTest {

  static Stream<String> cases() throws Exception {
    return ModbusCases.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesAsExpected(String name) throws Exception {
    RegisterMap map = ModbusCases.map(name);
    JsonNode expected = ModbusCases.expected(name);
    try (ScriptedModbusDevice device = new ScriptedModbusDevice();
        ModbusDeviceClient client =
            new ModbusDeviceClient(
                map,
                ModbusDeviceConfig.of("127.0.0.1", device.port())
                    .withTimeout(Duration.ofSeconds(2))
                    .withBusyRetryPause(Duration.ofMillis(1)))) {
      ModbusCases.script(name, device);
      if (expected.has("throws")) {
        ModbusDeviceException e = assertThrows(ModbusDeviceException.class, client::read);
        assertEquals(expected.get("throws").asText(), e.code(), e.getMessage());
        assertTrue(
            e.detail().contains(expected.get("detailContains").asText()),
            "detail '" + e.detail() + "'");
      } else {
        ModbusReading reading = client.read();
        assertEquals(numbers(expected.path("values")), new TreeMap<>(reading.values()), name);
        assertEquals(texts(expected.path("texts")), new TreeMap<>(reading.texts()), name);
        assertEquals(names(expected.path("invalid")), reading.invalid(), name);
        assertEquals(names(expected.path("failed")), reading.failedRegisters(), name);
        if (expected.has("error")) {
          assertEquals(
              expected.get("error").asText(), reading.firstFailure().orElseThrow().code(), name);
        } else {
          assertFalse(reading.isPartial(), name + ": " + reading.failureDetail());
        }
        if (expected.has("detail")) {
          assertEquals(expected.get("detail").asText(), reading.failureDetail(), name);
        }
      }
      if (expected.has("requests")) {
        assertEquals(expected.get("requests").asInt(), device.requests(), name + " requests");
      }
    }
  }

  private static Map<String, Double> numbers(JsonNode node) {
    Map<String, Double> values = new TreeMap<>();
    node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().doubleValue()));
    return values;
  }

  private static Map<String, String> texts(JsonNode node) {
    Map<String, String> values = new TreeMap<>();
    node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.forEach(n -> names.add(n.asText()));
    return names;
  }
}
