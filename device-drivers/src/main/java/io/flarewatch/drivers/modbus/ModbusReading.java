package io.flarewatch.drivers.modbus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The values read from one device in one {@link ModbusDeviceClient#read()}.
 *
 * @param device device kind from the register map
 * @param timestamp when the read started
 * @param values scaled values by register name (only finite values)
 * @param invalid names of registers whose value decoded to NaN or an infinity (float32)
 */
public record ModbusReading(
    String device, Instant timestamp, Map<String, Double> values, List<String> invalid) {

  public ModbusReading {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(timestamp, "timestamp");
    values = Map.copyOf(values);
    invalid = List.copyOf(invalid);
  }

  /** The value of a register, empty when it was invalid or is not in the map. */
  public OptionalDouble value(String name) {
    Double value = values.get(name);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
