package io.flarewatch.drivers.modbus;

/** A register map file is unreadable or violates a rule; the message names the entry and key. */
public class RegisterMapException extends IllegalArgumentException {

  public RegisterMapException(String message) {
    super(message);
  }

  public RegisterMapException(String message, Throwable cause) {
    super(message, cause);
  }
}
