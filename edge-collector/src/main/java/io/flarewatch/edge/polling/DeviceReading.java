package io.flarewatch.edge.polling;

import io.flarewatch.drivers.gas.TotalizerTracker;
import io.flarewatch.drivers.modbus.ModbusReading;
import io.flarewatch.edge.buffer.MeterState;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.wire.Point;
import java.util.Optional;

/**
 * One Modbus device's reading in a cycle.
 *
 * @param device the device
 * @param point what is stored for it
 * @param raw the decoded registers
 * @param intervalVolumeScf for gas meters, the volume since the previous stored reading when known
 * @param totalizer for gas meters that read their totalizer, the reading to commit once the cycle
 *     is stored; null otherwise
 */
public record DeviceReading(
    ModbusConfig device,
    Point point,
    ModbusReading raw,
    Double intervalVolumeScf,
    TotalizerTracker.Pending totalizer) {

  /** The meter state to store with the cycle, for gas meters that read their totalizer. */
  Optional<MeterState> meterState() {
    return totalizer == null
        ? Optional.empty()
        : Optional.of(new MeterState(totalizer.reading(), totalizer.at().toEpochMilli()));
  }
}
