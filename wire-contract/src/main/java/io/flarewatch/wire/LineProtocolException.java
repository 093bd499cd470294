package io.flarewatch.wire;

/** A line of line protocol that cannot be accepted; the message names the line and the fault. */
public final class LineProtocolException extends IllegalArgumentException {

  private final int lineNumber;

  public LineProtocolException(int lineNumber, String problem) {
    super("line " + lineNumber + ": " + problem);
    this.lineNumber = lineNumber;
  }

  public int lineNumber() {
    return lineNumber;
  }

  /** At most the first 40 characters of a text a client sent, marked when cut, for messages. */
  public static String excerpt(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
