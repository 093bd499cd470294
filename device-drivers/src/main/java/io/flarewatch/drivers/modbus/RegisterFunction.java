package io.flarewatch.drivers.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Modbus table a value is read from, and the function code that reads it. */
public enum RegisterFunction {
  /** Holding registers, read with function code 3. */
  HOLDING("holding", 3, false),
  /** Input registers, read with function code 4. */
  INPUT("input", 4, false),
  /** Coils (single bits, read/write on the device), read with function code 1. */
  COIL("coil", 1, true),
  /** Discrete inputs (single read-only bits), read with function code 2. */
  DISCRETE("discrete", 2, true);

  /** Most bits one read of coils or discrete inputs may carry. */
  public static final int PROTOCOL_MAX_BITS = 2000;

  private final String key;
  private final int functionCode;
  private final boolean bits;

  RegisterFunction(String key, int functionCode, boolean bits) {
    this.key = key;
    this.functionCode = functionCode;
    this.bits = bits;
  }

  /** The spelling used in register map files. */
  public String key() {
    return key;
  }

  /** The Modbus function code used to read this table. */
  public int functionCode() {
    return functionCode;
  }

  /** True for the single-bit tables (coils, discrete inputs). */
  public boolean isBitTable() {
    return bits;
  }

  /** What one address of this table holds, for messages: "registers" or "bits". */
  public String unitName() {
    return bits ? "bits" : "registers";
  }

  /** Largest count one read of this table may carry by the protocol. */
  public int protocolMax() {
    return bits ? PROTOCOL_MAX_BITS : RegisterMap.PROTOCOL_MAX_REGISTERS;
  }

  /** Parses the register map spelling (case-insensitive). */
  public static Optional<RegisterFunction> fromKey(String key) {
    return Arrays.stream(values())
        .filter(f -> f.key.equals(key.toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /** The table read with this function code, if any. */
  public static Optional<RegisterFunction> fromCode(int functionCode) {
    return Arrays.stream(values()).filter(f -> f.functionCode == functionCode).findFirst();
  }
}
