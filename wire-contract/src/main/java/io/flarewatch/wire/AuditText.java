package io.flarewatch.wire;

/**
 * Client-supplied text (a name a login claimed, a request's path) made safe for an audit entry, by
 * central's audit log and the edge's {@link SiteAudit} alike: control characters become '?', and so
 * do backslashes in tag values (so an escape can never change a line's structure); cut to a length.
 */
public final class AuditText {

  private AuditText() {}

  /** The text as a tag value of at most {@code maxChars}; null when null or empty. */
  public static String tagValue(String text, int maxChars) {
    return text == null || text.isEmpty() ? null : clean(text, maxChars, true);
  }

  /** The text as a string field of at most {@code maxChars}; null when null or empty. */
  public static String fieldValue(String text, int maxChars) {
    return text == null || text.isEmpty() ? null : clean(text, maxChars, false);
  }

  private static String clean(String text, int maxChars, boolean noBackslash) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
    for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) || (noBackslash && c == '\\') ? '?' : c);
    }
    return out.toString();
  }
}
