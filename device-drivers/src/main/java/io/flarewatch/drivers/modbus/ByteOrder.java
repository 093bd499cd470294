package io.flarewatch.drivers.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the bytes of a value are spread over its 16-bit registers, in the A-B-C-D notation of most
 * device manuals (A the most significant byte). Registers are listed lowest address first.
 *
 * <table>
 *   <caption>Orders and their spellings</caption>
 *   <tr><th>order</th><th>16-bit</th><th>32-bit</th><th>64-bit</th><th>meaning</th></tr>
 *   <tr><td>{@link #ABCD}</td><td>AB</td><td>ABCD, big</td><td>ABCDEFGH</td>
 *       <td>big-endian: high word first, high byte first (the Modbus convention)</td></tr>
 *   <tr><td>{@link #CDAB}</td><td>-</td><td>CDAB, little</td><td>GHEFCDAB</td>
 *       <td>words swapped: low word first, bytes of each word high first</td></tr>
 *   <tr><td>{@link #BADC}</td><td>BA</td><td>BADC</td><td>BADCFEHG</td>
 *       <td>bytes swapped within each word, high word first</td></tr>
 *   <tr><td>{@link #DCBA}</td><td>-</td><td>DCBA</td><td>HGFEDCBA</td>
 *       <td>little-endian: low word first, low byte first</td></tr>
 * </table>
 *
 * <p>{@code big} and {@code little} are the spellings of the older {@code wordOrder} key.
 */
public enum ByteOrder {
  ABCD(false, false, "AB", "ABCDEFGH"),
  CDAB(true, false, null, "GHEFCDAB"),
  BADC(false, true, "BA", "BADCFEHG"),
  DCBA(true, true, null, "HGFEDCBA");

  private final boolean wordsReversed;
  private final boolean bytesSwapped;
  private final String key16;
  private final String key64;

  ByteOrder(boolean wordsReversed, boolean bytesSwapped, String key16, String key64) {
    this.wordsReversed = wordsReversed;
    this.bytesSwapped = bytesSwapped;
    this.key16 = key16;
    this.key64 = key64;
  }

  /** True when the least significant word comes first. */
  public boolean wordsReversed() {
    return wordsReversed;
  }

  /** True when the low byte of each word comes first. */
  public boolean bytesSwapped() {
    return bytesSwapped;
  }

  /** The spelling for a value of {@code words} registers, e.g. {@code BA} or {@code CDAB}. */
  public String key(int words) {
    return switch (words) {
      case 1 -> key16;
      case 4 -> key64;
      default -> name();
    };
  }

  /** The spellings allowed for a value of {@code words} registers, for error messages. */
  public static String keys(int words) {
    return words == 1
        ? "AB, BA"
        : words == 4 ? "ABCD, CDAB, BADC, DCBA or their 8-letter forms" : "ABCD, CDAB, BADC, DCBA";
  }

  /**
   * Parses a {@code byteOrder} value for a value of {@code words} registers (case-insensitive);
   * empty when the spelling is unknown or does not fit the width.
   */
  public static Optional<ByteOrder> fromKey(String key, int words) {
    String upper = key.toUpperCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(
            o ->
                words == 1
                    ? upper.equals(o.key16)
                    : upper.equals(o.name()) || (words == 4 && upper.equals(o.key64)))
        .findFirst();
  }

  /** Parses the older {@code wordOrder} key: {@code big} is ABCD, {@code little} is CDAB. */
  public static Optional<ByteOrder> fromWordOrder(String key) {
    return switch (key.toLowerCase(Locale.ROOT)) {
      case "big" -> Optional.of(ABCD);
      case "little" -> Optional.of(CDAB);
      default -> Optional.empty();
    };
  }

  /**
   * The registers' bits as one unsigned number, most significant first: words reordered, bytes
   * swapped as this order says. Up to four words.
   */
  public long combine(int[] words) {
    long value = 0;
    for (int i = 0; i < words.length; i++) {
      int word = wordsReversed ? words[words.length - 1 - i] : words[i];
      if (bytesSwapped) {
        word = ((word & 0xFF) << 8) | (word >>> 8);
      }
      value = (value << 16) | word;
    }
    return value;
  }
}
