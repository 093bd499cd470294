package io.flarewatch.drivers.modbus;

import java.util.List;
import java.util.Objects;

/**
 * One read request of a {@link ModbusDeviceClient#read()} that failed while others succeeded.
 *
 * @param range the request: its table, addresses and the map values inside it
 * @param failure why it failed
 */
public record FailedRange(ReadRange range, ModbusDeviceException failure) {

  public FailedRange {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(failure, "failure");
  }

  /** Names of the map values that were not read. */
  public List<String> registerNames() {
    return range.registers().stream().map(RegisterDefinition::name).toList();
  }
}
