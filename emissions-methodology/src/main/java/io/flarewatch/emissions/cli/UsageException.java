package io.flarewatch.emissions.cli;

/** A bad argument or scenario; the message names it. */
final class UsageException extends RuntimeException {

  UsageException(String message) {
    super(message);
  }
}
