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
 * @param registers the values, in file order
 */
public record RegisterMap(
    String device,
    String description,
    int maxRegistersPerRequest,
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
  }

  /** The register with this name, if any. */
  public Optional<RegisterDefinition> register(String name) {
    return registers.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
