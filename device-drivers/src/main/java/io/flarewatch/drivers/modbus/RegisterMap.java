package io.flarewatch.drivers.modbus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Register map of one Modbus device model: which values to read, where, and how to decode them.
 * Load it with {@link RegisterMapLoader}; the loader validates every entry.
 *
 * @param device device kind, used in metric names and error messages (e.g. {@code generator})
 * @param description free text
 * @param maxRegistersPerRequest most registers the device accepts in one read, 2..125
 * @param maxBitsPerRequest most coils or discrete inputs the device accepts in one read, 1..2000
 * @param maxGap unmapped addresses one read may span to merge neighbours (0 = contiguous only)
 * @param registers the values, in file order
 */
public record RegisterMap(
    String device,
    String description,
    int maxRegistersPerRequest,
    int maxBitsPerRequest,
    int maxGap,
    List<RegisterDefinition> registers) {

  /** Largest register count a Modbus read request may carry. */
  public static final int PROTOCOL_MAX_REGISTERS = 125;

  public RegisterMap {
    Objects.requireNonNull(device, "device");
    description = description == null ? "" : description;
    registers = List.copyOf(registers);
    if (maxRegistersPerRequest < 2 || maxRegistersPerRequest > PROTOCOL_MAX_REGISTERS) {
      throw new IllegalArgumentException(
          "maxRegistersPerRequest must be between 2 and 125, got " + maxRegistersPerRequest);
    }
    if (maxBitsPerRequest < 1 || maxBitsPerRequest > RegisterFunction.PROTOCOL_MAX_BITS) {
      throw new IllegalArgumentException(
          "maxBitsPerRequest must be between 1 and 2000, got " + maxBitsPerRequest);
    }
    if (maxGap < 0) {
      throw new IllegalArgumentException("maxGap must not be negative, got " + maxGap);
    }
  }

  /** A map with the protocol's bit cap and contiguous reads only. */
  public RegisterMap(
      String device,
      String description,
      int maxRegistersPerRequest,
      List<RegisterDefinition> registers) {
    this(
        device,
        description,
        maxRegistersPerRequest,
        RegisterFunction.PROTOCOL_MAX_BITS,
        0,
        registers);
  }

  /** The register with this name, if any. */
  public Optional<RegisterDefinition> register(String name) {
    return registers.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Most addresses one read of this table may carry on this device. */
  public int maxPerRequest(RegisterFunction function) {
    return function.isBitTable() ? maxBitsPerRequest : maxRegistersPerRequest;
  }
}
