package io.flarewatch.edge.polling;

import io.flarewatch.drivers.modbus.ModbusReading;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.wire.Point;

/**
 * One Modbus device's reading in a cycle.
 *
 * @param device the device
 * @param point what is stored for it
 * @param raw the decoded registers
 * @param intervalVolumeScf for gas meters, the volume since the previous reading when known
 */
public record DeviceReading(
    ModbusConfig device, Point point, ModbusReading raw, Double intervalVolumeScf) {}
