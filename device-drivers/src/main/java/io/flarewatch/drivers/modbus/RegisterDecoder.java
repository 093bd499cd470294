package io.flarewatch.drivers.modbus;

import io.flarewatch.drivers.DecimalScale;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Turns raw register words into values. Pure.
 *
 * <ul>
 *   <li>Numbers: {@code raw × scale + offset}, computed in decimal and rounded once, so a raw 1012
 *       with scale 0.1 is exactly 101.2. A float is taken as the decimal it prints as (101.2f reads
 *       101.2, not 101.19999694824219); a float holding NaN or an infinity decodes to that
 *       non-finite value, which callers report as invalid.
 *   <li>Named bits: the field's bits of the unscaled word.
 *   <li>Strings: ASCII, two characters per register, trailing NULs and spaces removed; bytes that
 *       are not printable ASCII read as {@code ?}.
 *   <li>Coils and discrete inputs: 0 or 1.
 * </ul>
 */
public final class RegisterDecoder {

  private RegisterDecoder() {}

  /**
   * Decodes one numeric value (or a coil / discrete input).
   *
   * @param register the definition
   * @param words its registers in address order, each 0..65535, exactly {@code register.size()};
   *     for a bit table one entry, 0 or 1
   */
  public static double decode(RegisterDefinition register, int[] words) {
    check(register, words);
    if (register.type() == RegisterType.BOOL) {
      return words[0];
    }
    if (register.type() == RegisterType.STRING) {
      throw new IllegalArgumentException(
          "register '" + register.name() + "' is a string; use text()");
    }
    long bits = register.byteOrder().combine(words);
    BigDecimal raw;
    switch (register.type()) {
      case FLOAT32 -> {
        float value = Float.intBitsToFloat((int) bits);
        if (!Float.isFinite(value)) {
          return value;
        }
        raw = DecimalScale.ofFloat(value);
      }
      case FLOAT64 -> {
        double value = Double.longBitsToDouble(bits);
        if (!Double.isFinite(value)) {
          return value;
        }
        raw = DecimalScale.ofDouble(value);
      }
      default -> raw = new BigDecimal(integer(register.type(), bits));
    }
    return register.isUnscaled()
        ? raw.doubleValue()
        : DecimalScale.apply(raw, register.scale(), register.offset());
  }

  /** True when the raw integer is one of the register's "no value" sentinels. */
  public static boolean isSentinel(RegisterDefinition register, int[] words) {
    if (register.invalid().isEmpty()) {
      return false;
    }
    check(register, words);
    return register
        .invalid()
        .contains(integer(register.type(), register.byteOrder().combine(words)));
  }

  /** The unscaled word of an unsigned integer register, for its named bits. */
  public static long word(RegisterDefinition register, int[] words) {
    check(register, words);
    return register.byteOrder().combine(words);
  }

  /** Decodes a string register. */
  public static String text(RegisterDefinition register, int[] words) {
    check(register, words);
    if (register.type() != RegisterType.STRING) {
      throw new IllegalArgumentException("register '" + register.name() + "' is not a string");
    }
    byte[] bytes = new byte[2 * words.length];
    for (int i = 0; i < words.length; i++) {
      int word = (int) register.byteOrder().combine(new int[] {words[i]});
      bytes[2 * i] = (byte) (word >>> 8);
      bytes[2 * i + 1] = (byte) word;
    }
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == 0 || bytes[end - 1] == ' ')) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      if (bytes[i] < 0x20 || bytes[i] > 0x7E) {
        bytes[i] = '?';
      }
    }
    return new String(bytes, 0, end, StandardCharsets.US_ASCII);
  }

  /** The integer the bits hold for an integer type (signed types sign-extended). */
  static BigInteger integer(RegisterType type, long bits) {
    return switch (type) {
      case INT16 -> BigInteger.valueOf((short) bits);
      case INT32 -> BigInteger.valueOf((int) bits);
      case INT64 -> BigInteger.valueOf(bits);
      case UINT64 -> new BigInteger(Long.toUnsignedString(bits));
      default -> BigInteger.valueOf(bits);
    };
  }

  private static void check(RegisterDefinition register, int[] words) {
    if (words.length != register.size()) {
      throw new IllegalArgumentException(
          register.type().key()
              + " '"
              + register.name()
              + "' needs "
              + register.size()
              + " register word(s), got "
              + words.length);
    }
    int max = register.type() == RegisterType.BOOL ? 1 : 0xFFFF;
    for (int word : words) {
      if (word < 0 || word > max) {
        throw new IllegalArgumentException("register word out of range 0.." + max + ": " + word);
      }
    }
  }
}
