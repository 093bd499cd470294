package io.flarewatch.drivers.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Data type of one value of a register map. */
public enum RegisterType {
  INT16("int16", 1),
  UINT16("uint16", 1),
  INT32("int32", 2),
  UINT32("uint32", 2),
  FLOAT32("float32", 2),
  INT64("int64", 4),
  UINT64("uint64", 4),
  FLOAT64("float64", 4),
  /**
   * ASCII text, two characters per register (first character in the high byte unless the byte order
   * is BA); its length in registers is given by the map. Never a stored field.
   */
  STRING("string", 0),
  /** One coil or discrete input: 0 or 1. */
  BOOL("bool", 0);

  private final String key;
  private final int words;

  RegisterType(String key, int words) {
    this.key = key;
    this.words = words;
  }

  /** The spelling used in register map files. */
  public String key() {
    return key;
  }

  /** Number of 16-bit registers the value occupies; 0 for string (its length) and bool. */
  public int words() {
    return words;
  }

  /** True for the types of register tables that hold a number. */
  public boolean isNumber() {
    return words > 0;
  }

  /** True for the integer types, whose raw value can carry named bits or sentinels. */
  public boolean isInteger() {
    return isNumber() && this != FLOAT32 && this != FLOAT64;
  }

  /** True for the unsigned integer types (named bits are allowed on these). */
  public boolean isUnsigned() {
    return this == UINT16 || this == UINT32 || this == UINT64;
  }

  /** Parses the register map spelling (case-insensitive). */
  public static Optional<RegisterType> fromKey(String key) {
    return Arrays.stream(values())
        .filter(t -> t.key.equals(key.toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
