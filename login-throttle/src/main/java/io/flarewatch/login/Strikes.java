package io.flarewatch.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins counted for one kind of key (an account, an address, a device): after {@code
 * freeFailures} failures in a row a key waits {@link #FIRST_LOCK}, doubling with each further
 * failure up to {@link #MAX_LOCK}. A success clears the key; so does a day without failures. Not
 * thread-safe: {@link LoginThrottle} guards it.
 */
final class Strikes {

  static final Duration FIRST_LOCK = Duration.ofMinutes(1);
  static final Duration MAX_LOCK = Duration.ofMinutes(15);

  /** A key with no failure for this long starts afresh. */
  static final Duration FORGET_AFTER = Duration.ofDays(1);

  private record Entry(int count, Instant lastFailure, Instant lockedUntil) {}

  private final int freeFailures;
  private final int maxKeys;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * @param maxKeys keys kept at most (those that failed longest ago are forgotten first); 0 for no
   *     bound, where the keys are few by construction
   */
  Strikes(int freeFailures, int maxKeys) {
    this.freeFailures = freeFailures;
    this.maxKeys = maxKeys;
  }

  /** How long the key must still wait; zero when it may try now. */
  Duration wait(String key, Instant now) {
    Entry entry = entries.get(key);
    return entry == null || !entry.lockedUntil().isAfter(now)
        ? Duration.ZERO
        : Duration.between(now, entry.lockedUntil());
  }

  void failed(String key, Instant now) {
    Entry before = entries.remove(key);
    boolean afresh =
        before == null || Duration.between(before.lastFailure(), now).compareTo(FORGET_AFTER) > 0;
    int count = afresh ? 1 : before.count() + 1;
    entries.put(key, new Entry(count, now, now.plus(lock(count, freeFailures))));
    if (maxKeys > 0) {
      Iterator<String> oldest = entries.keySet().iterator();
      while (entries.size() > maxKeys) {
        oldest.next();
        oldest.remove();
      }
    }
  }

  void succeeded(String key) {
    entries.remove(key);
  }

  /** How long a key waits after its {@code count}-th failure in a row. */
  static Duration lock(int count, int freeFailures) {
    if (count < freeFailures) {
      return Duration.ZERO;
    }
    int doublings = Math.min(count - freeFailures, 10);
    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
    return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
  }
}
