package io.flarewatch.drivers.modbus;

import java.util.List;

/**
 * One Modbus read request: {@code count} registers (or bits) of one table starting at {@code
 * start}, and the map values that lie inside it.
 */
public record ReadRange(
    RegisterFunction function, int start, int count, List<RegisterDefinition> registers) {

  public ReadRange {
    registers = List.copyOf(registers);
    if (count < 1 || count > function.protocolMax()) {
      throw new IllegalArgumentException(
          "count must be 1.." + function.protocolMax() + ", got " + count);
    }
  }

  /** Last address covered by the request. */
  public int end() {
    return start + count - 1;
  }

  @Override
  public String toString() {
    return function.key() + " " + start + ".." + end();
  }
}
