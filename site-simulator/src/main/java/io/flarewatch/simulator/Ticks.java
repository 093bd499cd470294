package io.flarewatch.simulator;

/** Conversions between seconds and simulation ticks. */
final class Ticks {

  private Ticks() {}

  /** The number of ticks of {@code tickMillis} that {@code seconds} takes, rounded up. */
  static long ceil(long seconds, long tickMillis) {
    return (seconds * 1000 + tickMillis - 1) / tickMillis;
  }
}
