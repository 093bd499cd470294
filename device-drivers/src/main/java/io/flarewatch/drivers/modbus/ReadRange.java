package io.flarewatch.drivers.modbus;

import java.util.List;

/**
 * One Modbus read request: {@code count} registers of one table starting at {@code start}, and the
 * register values that lie inside it.
 */
public record ReadRange(
    RegisterFunction function, int start, int count, List<RegisterDefinition> registers) {

  public ReadRange {
    registers = List.copyOf(registers);
    if (count < 1 || count > RegisterMap.PROTOCOL_MAX_REGISTERS) {
      throw new IllegalArgumentException("count must be 1..125, got " + count);
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
