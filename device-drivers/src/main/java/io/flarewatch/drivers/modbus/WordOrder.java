package io.flarewatch.drivers.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Order of the two 16-bit words of a 32-bit value. Bytes within a word are always big-endian. */
public enum WordOrder {
  /** High word at the lower address (Modbus convention, "ABCD"). */
  BIG("big"),
  /** Low word at the lower address ("CDAB", word-swapped). */
  LITTLE("little");

  private final String key;

  WordOrder(String key) {
    this.key = key;
  }

  /** The spelling used in register map files. */
  public String key() {
    return key;
  }

  /** Parses the register map spelling (case-insensitive). */
  public static Optional<WordOrder> fromKey(String key) {
    return Arrays.stream(values())
        .filter(o -> o.key.equals(key.toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
