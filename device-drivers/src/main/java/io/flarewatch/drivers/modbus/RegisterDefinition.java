package io.flarewatch.drivers.modbus;

import java.util.Objects;

/**
 * One named value of a device's register map.
 *
 * @param name metric name, unique within the map
 * @param address first register address, 0..65535 (protocol address, zero-based)
 * @param function register table (holding or input)
 * @param type data type
 * @param wordOrder word order of 32-bit types; {@code null} for 16-bit types
 * @param scale multiplier applied to the raw value (non-zero)
 * @param offset added after scaling
 * @param unit engineering unit of the scaled value
 */
public record RegisterDefinition(
    String name,
    int address,
    RegisterFunction function,
    RegisterType type,
    WordOrder wordOrder,
    double scale,
    double offset,
    String unit) {

  public RegisterDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unit, "unit");
    if (name.isBlank()) {
      throw new IllegalArgumentException("register name must not be blank");
    }
    if (address < 0 || lastAddress(address, type) > 65535) {
      throw new IllegalArgumentException(
          "register '" + name + "': address " + address + " puts it outside 0..65535");
    }
    if (type.words() == 2 && wordOrder == null) {
      throw new IllegalArgumentException(
          "register '" + name + "': wordOrder is required for " + type.key());
    }
    if (type.words() == 1 && wordOrder != null) {
      throw new IllegalArgumentException(
          "register '" + name + "': wordOrder is not allowed for 16-bit type " + type.key());
    }
    if (scale == 0 || !Double.isFinite(scale)) {
      throw new IllegalArgumentException(
          "register '" + name + "': scale must be a finite non-zero number, got " + scale);
    }
    if (!Double.isFinite(offset)) {
      throw new IllegalArgumentException(
          "register '" + name + "': offset must be finite, got " + offset);
    }
  }

  /** Address of the last register this value occupies. */
  public int lastAddress() {
    return lastAddress(address, type);
  }

  private static int lastAddress(int address, RegisterType type) {
    return address + type.words() - 1;
  }
}
