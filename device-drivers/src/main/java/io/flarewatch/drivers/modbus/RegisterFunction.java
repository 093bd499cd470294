package io.flarewatch.drivers.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Modbus table a register is read from. */
public enum RegisterFunction {
  /** Holding registers, read with function code 3. */
  HOLDING("holding", 3),
  /** Input registers, read with function code 4. */
  INPUT("input", 4);

  private final String key;
  private final int functionCode;

  RegisterFunction(String key, int functionCode) {
    this.key = key;
    this.functionCode = functionCode;
  }

  /** The spelling used in register map files. */
  public String key() {
    return key;
  }

  /** The Modbus function code used to read this table. */
  public int functionCode() {
    return functionCode;
  }

  /** Parses the register map spelling (case-insensitive). */
  public static Optional<RegisterFunction> fromKey(String key) {
    return Arrays.stream(values())
        .filter(f -> f.key.equals(key.toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
