package io.flarewatch.simulator;

/**
 * One value in a Modbus register map, as in the device-drivers register-map JSON files.
 *
 * @param name metric name
 * @param address first register (0-based protocol address)
 * @param function "holding" (FC3) or "input" (FC4)
 * @param type int16, uint16, int32, uint32 or float32
 * @param wordOrder for 32-bit types: "big" (high word first) or "little" (low word first)
 * @param scale value = raw * scale + offset
 * @param offset value = raw * scale + offset
 */
public record RegisterSpec(
    String name,
    int address,
    String function,
    String type,
    String wordOrder,
    double scale,
    double offset) {

  /** Number of 16-bit registers the value occupies. */
  public int width() {
    return type.endsWith("32") ? 2 : 1;
  }

  /** Encodes a value into {@link #width()} registers (as unsigned 16-bit ints). */
  public int[] encode(double value) {
    if ("float32".equals(type)) {
      int bits = Float.floatToIntBits((float) ((value - offset) / scale));
      return words(bits);
    }
    long raw = Math.round((value - offset) / scale);
    switch (type) {
      case "int16" -> {
        raw = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, raw));
        return new int[] {(int) raw & 0xFFFF};
      }
      case "uint16" -> {
        raw = Math.max(0, Math.min(0xFFFF, raw));
        return new int[] {(int) raw};
      }
      case "int32" -> {
        raw = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, raw));
        return words((int) raw);
      }
      case "uint32" -> {
        return words((int) (raw & 0xFFFFFFFFL));
      }
      default -> throw new IllegalStateException("unknown register type " + type + " of " + name);
    }
  }

  /** Decodes {@link #width()} registers (unsigned 16-bit ints) into the value. */
  public double decode(int[] regs) {
    long raw;
    if (width() == 2) {
      int hi = "little".equals(wordOrder) ? regs[1] : regs[0];
      int lo = "little".equals(wordOrder) ? regs[0] : regs[1];
      int bits = (hi << 16) | (lo & 0xFFFF);
      raw =
          switch (type) {
            case "float32" -> 0;
            case "uint32" -> bits & 0xFFFFFFFFL;
            default -> bits;
          };
      if ("float32".equals(type)) {
        return Float.intBitsToFloat(bits) * scale + offset;
      }
    } else {
      raw = "int16".equals(type) ? (short) regs[0] : regs[0] & 0xFFFF;
    }
    return raw * scale + offset;
  }

  private int[] words(int bits) {
    int hi = (bits >>> 16) & 0xFFFF;
    int lo = bits & 0xFFFF;
    return "little".equals(wordOrder) ? new int[] {lo, hi} : new int[] {hi, lo};
  }
}
