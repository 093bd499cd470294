package io.flarewatch.drivers.modbus;

import io.flarewatch.drivers.DeviceFailure;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A read of a Modbus device (or of one block of its registers) failed. The message names the
 * device, endpoint, register table, address range and, when the device answered with a Modbus
 * exception, its code; {@link #code()} and {@link #detail()} are what the edge stores.
 *
 * <table>
 *   <caption>Codes</caption>
 *   <tr><th>code</th><th>when</th><th>detail, e.g.</th></tr>
 *   <tr><td>{@code modbus_exception}</td><td>the device answered with an exception</td>
 *       <td>{@code 02 illegal data address (holding 500..500)}</td></tr>
 *   <tr><td>{@code timeout}</td><td>no answer (or no connection) within the timeout</td>
 *       <td>{@code no answer within 3000 ms (holding 0..7)}</td></tr>
 *   <tr><td>{@code refused}</td><td>connection refused</td>
 *       <td>{@code connection refused (holding 0..7)}</td></tr>
 *   <tr><td>{@code unreachable}</td><td>unknown host, no route</td><td>the socket's words</td></tr>
 *   <tr><td>{@code bad_reply}</td><td>an answer of the wrong size</td>
 *       <td>{@code device returned 3 registers, expected 8 (holding 0..7)}</td></tr>
 *   <tr><td>{@code io_error}</td><td>connection dropped, reset, any other I/O failure</td>
 *       <td>the socket's words</td></tr>
 * </table>
 */
public class ModbusDeviceException extends RuntimeException implements DeviceFailure {

  /** Modbus exception code 6: the device is busy with a long-running command. */
  public static final int DEVICE_BUSY = 6;

  public static final String MODBUS_EXCEPTION = "modbus_exception";
  public static final String TIMEOUT = "timeout";
  public static final String REFUSED = "refused";
  public static final String UNREACHABLE = "unreachable";
  public static final String BAD_REPLY = "bad_reply";
  public static final String IO_ERROR = "io_error";

  private final String device;
  private final Integer exceptionCode;
  private final String code;
  private final String detail;

  /**
   * @param device device kind from the register map
   * @param message full message for logs
   * @param code stable failure code (see the table above)
   * @param detail short detail for storage
   * @param exceptionCode the Modbus exception code, {@code null} when the device did not answer
   * @param cause what failed underneath, if anything
   */
  public ModbusDeviceException(
      String device,
      String message,
      String code,
      String detail,
      Integer exceptionCode,
      Throwable cause) {
    super(message, cause);
    this.device = device;
    this.code = Objects.requireNonNull(code, "code");
    this.detail = Objects.requireNonNull(detail, "detail");
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

  /** True when the device answered (with an exception): its connection is fine. */
  public boolean deviceAnswered() {
    return exceptionCode != null;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String detail() {
    return detail;
  }

  /** Human name of a Modbus exception code, e.g. "illegal data address" for 2. */
  public static String exceptionName(int code) {
    return switch (code) {
      case 1 -> "illegal function";
      case 2 -> "illegal data address";
      case 3 -> "illegal data value";
      case 4 -> "device failure";
      case 5 -> "acknowledge";
      case 6 -> "device busy";
      case 8 -> "memory parity error";
      case 10 -> "gateway path unavailable";
      case 11 -> "gateway target failed to respond";
      default -> "unknown exception";
    };
  }
}
