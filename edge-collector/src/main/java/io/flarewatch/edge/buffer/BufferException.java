package io.flarewatch.edge.buffer;

/** The sample buffer could not do what was asked; the message says what and why. */
public final class BufferException extends RuntimeException {

  public BufferException(String message, Throwable cause) {
    super(message, cause);
  }
}
