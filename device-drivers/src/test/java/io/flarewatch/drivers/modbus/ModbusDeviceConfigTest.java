package io.flarewatch.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModbusDeviceConfigTest {

  private final ModbusDeviceConfig base = ModbusDeviceConfig.of("10.0.0.20", 502);

  @Test
  void defaults() {
    assertEquals(1, base.unitId());
    assertEquals("10.0.0.20:502", base.endpoint());
  }

  @Test
  void rejectsEachBadSettingByName() {
    assertEquals(
        "port must be 1..65535, got 0",
        assertThrows(IllegalArgumentException.class, () -> ModbusDeviceConfig.of("h", 0))
            .getMessage());
    assertEquals(
        "unitId must be 0..255, got 256",
        assertThrows(IllegalArgumentException.class, () -> base.withUnitId(256)).getMessage());
    assertEquals(
        "timeout must be positive, got PT-1S",
        assertThrows(IllegalArgumentException.class, () -> base.withTimeout(Duration.ofSeconds(-1)))
            .getMessage());
    assertEquals(
        "host must not be blank",
        assertThrows(IllegalArgumentException.class, () -> ModbusDeviceConfig.of("", 502))
            .getMessage());
  }
}
