package io.flarewatch.drivers.modbus;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a Modbus TCP device is and how to talk to it.
 *
 * @param host host name or address
 * @param port TCP port, 1..65535 (502 on most devices)
 * @param unitId Modbus unit (slave) id, 0..255
 * @param timeout socket connect and response timeout per request
 * @param busyRetryPause pause before the one retry after a "device busy" (code 6) reply
 */
public record ModbusDeviceConfig(
    String host, int port, int unitId, Duration timeout, Duration busyRetryPause) {

  public static final int DEFAULT_PORT = 502;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
  public static final Duration DEFAULT_BUSY_RETRY_PAUSE = Duration.ofMillis(250);

  public ModbusDeviceConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(busyRetryPause, "busyRetryPause");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException("unitId must be 0..255, got " + unitId);
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (busyRetryPause.isNegative()) {
      throw new IllegalArgumentException(
          "busyRetryPause must not be negative, got " + busyRetryPause);
    }
  }

  /** Unit id 1, default timeout and busy pause. */
  public static ModbusDeviceConfig of(String host, int port) {
    return new ModbusDeviceConfig(host, port, 1, DEFAULT_TIMEOUT, DEFAULT_BUSY_RETRY_PAUSE);
  }

  /** A copy with another unit id. */
  public ModbusDeviceConfig withUnitId(int newUnitId) {
    return new ModbusDeviceConfig(host, port, newUnitId, timeout, busyRetryPause);
  }

  /** A copy with another timeout. */
  public ModbusDeviceConfig withTimeout(Duration newTimeout) {
    return new ModbusDeviceConfig(host, port, unitId, newTimeout, busyRetryPause);
  }

  /** A copy with another busy retry pause. */
  public ModbusDeviceConfig withBusyRetryPause(Duration pause) {
    return new ModbusDeviceConfig(host, port, unitId, timeout, pause);
  }

  /** {@code host:port} for messages. */
  public String endpoint() {
    return host + ":" + port;
  }
}
