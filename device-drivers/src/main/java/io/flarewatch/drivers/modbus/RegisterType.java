package io.flarewatch.drivers.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Data type stored in one or two consecutive 16-bit registers. */
public enum RegisterType {
  INT16("int16", 1),
  UINT16("uint16", 1),
  INT32("int32", 2),
  UINT32("uint32", 2),
  FLOAT32("float32", 2);

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

  /** Number of 16-bit registers the value occupies. */
  public int words() {
    return words;
  }

  /** Parses the register map spelling (case-insensitive). */
  public static Optional<RegisterType> fromKey(String key) {
    return Arrays.stream(values())
        .filter(t -> t.key.equals(key.toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
