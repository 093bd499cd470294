package io.flarewatch.drivers.modbus;

import java.util.Objects;

/**
 * A named part of a status or alarm word: {@code width} bits starting at bit {@code bit} (0 = least
 * significant). A one-bit field reads 0 or 1; a wider one reads the number its bits hold (e.g. a
 * 4-bit alarm state).
 *
 * @param name field name, unique in the map
 * @param bit lowest bit, 0-based
 * @param width number of bits, 1 or more
 */
public record BitField(String name, int bit, int width) {

  public BitField {
    Objects.requireNonNull(name, "name");
    if (bit < 0 || width < 1 || bit + width > 64) {
      throw new IllegalArgumentException(
          "bit field '" + name + "': bits " + bit + ".." + (bit + width - 1) + " out of 0..63");
    }
  }

  /** The field's value in a word. */
  public long valueIn(long word) {
    long mask = width == 64 ? -1L : (1L << width) - 1;
    return (word >>> bit) & mask;
  }
}
