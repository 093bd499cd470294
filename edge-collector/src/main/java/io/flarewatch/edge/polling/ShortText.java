package io.flarewatch.edge.polling;

/**
 * Text a device reported (a pool URL, a firmware message), made fit for a string field: control
 * characters replaced, at most {@link #MAX_CHARS} characters, blank as absent.
 */
public final class ShortText {

  public static final int MAX_CHARS = 160;

  private ShortText() {}

  /** The text, shortened and cleaned; null when null or blank. */
  public static String of(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS));
    String stripped = text.strip();
    for (int i = 0; i < stripped.length() && out.length() < MAX_CHARS; i++) {
      char c = stripped.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (stripped.length() > MAX_CHARS) {
      out.setLength(MAX_CHARS - 3);
      out.append("...");
    }
    return out.toString();
  }
}
