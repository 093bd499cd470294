package io.flarewatch.drivers.modbus;

import java.util.OptionalInt;

/**
 * A read of a Modbus device failed. The message names the device, endpoint, register table, address
 * range and, when the device answered with a Modbus exception, its code.
 */
public class ModbusDeviceException extends RuntimeException {

  /** Modbus exception code 6: the device is busy with a long-running command. */
  public static final int DEVICE_BUSY = 6;

  private final String device;
  private final Integer exceptionCode;

  public ModbusDeviceException(
      String device, String message, Integer exceptionCode, Throwable cause) {
    super(message, cause);
    this.device = device;
    this.exceptionCode = exceptionCode;
  }

  /** Device kind from the register map. */
  public String device() {
    return device;
  }

  /** The Modbus exception code the device replied with; empty for connection failures. */
  public OptionalInt exceptionCode() {
    return exceptionCode == null ? OptionalInt.empty() : OptionalInt.of(exceptionCode);
  }

  /** True when the device answered "busy" (code 6) to the read and to its retry. */
  public boolean isDeviceBusy() {
    return exceptionCode != null && exceptionCode == DEVICE_BUSY;
  }
}
