package io.flarewatch.drivers.modbus;

/**
 * Turns raw 16-bit register words into engineering values: {@code raw * scale + offset}. Pure.
 *
 * <p>A float32 holding NaN or an infinity decodes to that non-finite value; callers decide how to
 * report it ({@link ModbusDeviceClient} leaves it out of the reading and names it as invalid).
 */
public final class RegisterDecoder {

  private RegisterDecoder() {}

  /**
   * Decodes one register value.
   *
   * @param register the definition (type, word order, scale, offset)
   * @param words the register words in address order, each 0..65535; exactly {@code
   *     register.type().words()} of them
   */
  public static double decode(RegisterDefinition register, int[] words) {
    return raw(register.type(), register.wordOrder(), words) * register.scale() + register.offset();
  }

  /** The unscaled value of the words. */
  public static double raw(RegisterType type, WordOrder wordOrder, int[] words) {
    if (words.length != type.words()) {
      throw new IllegalArgumentException(
          type.key() + " needs " + type.words() + " register word(s), got " + words.length);
    }
    for (int word : words) {
      if (word < 0 || word > 0xFFFF) {
        throw new IllegalArgumentException("register word out of range 0..65535: " + word);
      }
    }
    return switch (type) {
      case UINT16 -> words[0];
      case INT16 -> (short) words[0];
      case UINT32 -> Integer.toUnsignedLong(combine(wordOrder, words));
      case INT32 -> combine(wordOrder, words);
      case FLOAT32 -> Float.intBitsToFloat(combine(wordOrder, words));
    };
  }

  private static int combine(WordOrder wordOrder, int[] words) {
    int high = wordOrder == WordOrder.LITTLE ? words[1] : words[0];
    int low = wordOrder == WordOrder.LITTLE ? words[0] : words[1];
    return (high << 16) | low;
  }
}
