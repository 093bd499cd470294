package io.flarewatch.simulator;

import io.flarewatch.drivers.modbus.BitField;
import io.flarewatch.drivers.modbus.ByteOrder;
import io.flarewatch.drivers.modbus.RegisterDefinition;
import io.flarewatch.drivers.modbus.RegisterType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the value a simulated device shows into the words of one register-map entry, the way a real
 * device encodes it, and says exactly what a reader of those words gets: {@code raw × scale +
 * offset} in decimal (a float read as the decimal it prints as), named bits of the word, the text
 * of a string. Written apart from the drivers' decoder, so the two check each other.
 */
final class RegisterEncoder {

  /**
   * One entry as served.
   *
   * @param words the registers (0..65535), or one bit (0/1) for a coil or discrete input
   * @param numbers what a reader decodes: the entry and its bit fields (empty for a string, and for
   *     a raw value that is one of the entry's "no value" sentinels)
   * @param text the string a reader decodes, or null for numbers
   */
  record Encoded(int[] words, Map<String, Double> numbers, String text) {}

  private RegisterEncoder() {}

  /** Encodes a number; {@code null} (not modelled) serves raw zero. */
  static Encoded number(RegisterDefinition register, Double value) {
    if (register.type() == RegisterType.BOOL) {
      int bit = value != null && value != 0 ? 1 : 0;
      return new Encoded(new int[] {bit}, Map.of(register.name(), (double) bit), null);
    }
    BigDecimal raw =
        value == null
            ? BigDecimal.ZERO
            : BigDecimal.valueOf(value)
                .subtract(register.offset())
                .divide(register.scale(), MathContext.DECIMAL128);
    int words = register.type().words();
    long bits;
    BigDecimal servedRaw;
    switch (register.type()) {
      case FLOAT32 -> {
        float f = raw.floatValue();
        bits = Float.floatToIntBits(f) & 0xFFFFFFFFL;
        servedRaw = new BigDecimal(Float.toString(f));
      }
      case FLOAT64 -> {
        double d = raw.doubleValue();
        bits = Double.doubleToLongBits(d);
        servedRaw = new BigDecimal(Double.toString(d));
      }
      default -> {
        BigInteger integer =
            clamp(raw.setScale(0, RoundingMode.HALF_EVEN).toBigInteger(), register);
        bits = integer.longValue();
        servedRaw = new BigDecimal(integer);
        if (register.invalid().contains(integer)) {
          return new Encoded(layout(bits, words, register.byteOrder()), Map.of(), null);
        }
      }
    }
    Map<String, Double> numbers = new LinkedHashMap<>();
    numbers.put(
        register.name(), servedRaw.multiply(register.scale()).add(register.offset()).doubleValue());
    for (BitField field : register.bits()) {
      long mask = field.width() >= 64 ? -1L : (1L << field.width()) - 1;
      numbers.put(field.name(), (double) ((bits >>> field.bit()) & mask));
    }
    return new Encoded(layout(bits, words, register.byteOrder()), numbers, null);
  }

  /** Encodes text as ASCII, two characters per register, NUL-padded and cut to the length. */
  static Encoded text(RegisterDefinition register, String text) {
    int length = register.size();
    byte[] bytes = new byte[2 * length];
    byte[] ascii = text.replaceAll("[^\\x20-\\x7E]", "?").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(ascii, 0, bytes, 0, Math.min(ascii.length, bytes.length));
    int[] words = new int[length];
    for (int i = 0; i < length; i++) {
      int high = bytes[2 * i] & 0xFF;
      int low = bytes[2 * i + 1] & 0xFF;
      words[i] = register.byteOrder().bytesSwapped() ? (low << 8) | high : (high << 8) | low;
    }
    String shown =
        new String(ascii, 0, Math.min(ascii.length, bytes.length), StandardCharsets.US_ASCII);
    return new Encoded(words, Map.of(), shown.replaceAll(" +$", ""));
  }

  /** The value held by the type's range (a device shows full scale, not a wrapped number). */
  private static BigInteger clamp(BigInteger value, RegisterDefinition register) {
    int bitCount = 16 * register.type().words();
    boolean signed = !register.type().isUnsigned();
    BigInteger min = signed ? BigInteger.ONE.shiftLeft(bitCount - 1).negate() : BigInteger.ZERO;
    BigInteger max =
        signed
            ? BigInteger.ONE.shiftLeft(bitCount - 1).subtract(BigInteger.ONE)
            : BigInteger.ONE.shiftLeft(bitCount).subtract(BigInteger.ONE);
    return value.max(min).min(max);
  }

  /** The registers holding {@code bits} (most significant first) in the given order. */
  private static int[] layout(long bits, int words, ByteOrder order) {
    int[] out = new int[words];
    for (int i = 0; i < words; i++) {
      int word = (int) ((bits >>> (16 * (words - 1 - i))) & 0xFFFF);
      if (order.bytesSwapped()) {
        word = ((word & 0xFF) << 8) | (word >>> 8);
      }
      out[order.wordsReversed() ? words - 1 - i : i] = word;
    }
    return out;
  }
}
