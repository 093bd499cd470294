package io.flarewatch.edge.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.config.ConfigException;
import io.flarewatch.edge.config.ModbusConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every named bit of a register map becomes a field of its own: a name central's wire contract
 * would refuse is a configuration error naming the device's key, found at start and not at the
 * first reading central turns away.
 */
class ModbusDeviceFieldNamesTest {

  @TempDir Path dir;

  private ModbusDevice device(String bitName) throws Exception {
    Path map = dir.resolve("genset.yaml");
    Files.writeString(
        map,
        """
        device: generator
        maxRegistersPerRequest: 8
        registers:
          - name: alarm_bits
            address: 0
            function: holding
            type: uint16
            unit: bits
            bits:
              - {name: low_oil_pressure, bit: 0}
              - {name: %s, bit: 1}
        """
            .formatted(bitName));
    return new ModbusDevice(
        new ModbusConfig(
            "gen-1", ModbusConfig.Role.GENERATOR, "127.0.0.1", 1, 1, map.toString(), null, null),
        Duration.ofSeconds(1));
  }

  @Test
  void namedBitsTheContractTakesAreAccepted() throws Exception {
    device("engine_trip").close();
  }

  @Test
  void aBitNamedLikeAFixedFieldIsRefusedNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> device("up"));
    assertEquals("modbus[gen-1].registerMap", e.key(), e.getMessage());
    assertContains(e.getMessage(), "'up' cannot be sent");
  }

  @Test
  void aBitWhoseNameIsNoFieldNameIsRefusedNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> device("\"high-coolant\""));
    assertEquals("modbus[gen-1].registerMap", e.key(), e.getMessage());
    assertContains(e.getMessage(), "'high-coolant' cannot be sent");
  }

  private static void assertContains(String text, String part) {
    assertTrue(text.contains(part), text);
  }
}
