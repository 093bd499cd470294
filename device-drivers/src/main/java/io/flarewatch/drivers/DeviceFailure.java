package io.flarewatch.drivers;

/**
 * Why a device read failed, as the edge stores it: a stable code that dashboards and alarms can
 * match on, and a short detail for people (the firmware's Code/Msg, the Modbus exception code, the
 * socket error).
 *
 * <p>Codes are lower-case words that never change meaning once shipped: {@code timeout}, {@code
 * refused}, {@code unreachable}, {@code reply_error} (the device answered with an error status),
 * {@code bad_reply} (the reply could not be read), {@code modbus_exception} (a Modbus exception
 * response, its code in the detail), {@code io_error}. Exceptions thrown by the drivers implement
 * this interface.
 */
public interface DeviceFailure {

  /** The stable code, e.g. {@code timeout}. */
  String code();

  /** What the device or the network said, at most a short line; never null. */
  String detail();
}
