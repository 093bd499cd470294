package io.flarewatch.central.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing and bounds the CPU logins can take.
 *
 * <p>After {@value #FREE_FAILURES} failed logins in a row for one user name from one address, that
 * pair is refused for {@link #FIRST_LOCK}, doubling with each further failure up to {@link
 * #MAX_LOCK}; a successful login clears it. Keying on the pair means a guesser cannot lock a user
 * out from other addresses. At most {@value #MAX_CHECKS_AT_ONCE} password checks (PBKDF2, a good
 * fraction of a second each) run at once, so a flood of logins cannot starve ingest. Methods are
 * synchronized: they are quick, and logins are rare.
 */
public final class LoginThrottle {

  static final int FREE_FAILURES = 5;
  static final Duration FIRST_LOCK = Duration.ofMinutes(1);
  static final Duration MAX_LOCK = Duration.ofMinutes(15);
  static final int MAX_CHECKS_AT_ONCE = 4;
  static final Duration BUSY_RETRY = Duration.ofSeconds(1);
  private static final int MAX_TRACKED_PAIRS = 10_000;

  private record Failures(int count, Instant lockedUntil) {}

  private final Clock clock;
  private final Map<String, Failures> failures = new LinkedHashMap<>();
  private int checksRunning;

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /**
   * Admits a password check for this user and address, or says how long to wait: the rest of the
   * pair's lock, or {@link #BUSY_RETRY} when {@value #MAX_CHECKS_AT_ONCE} checks are running. An
   * admitted check must end with {@link #succeeded} or {@link #failed}.
   */
  public synchronized Optional<Duration> admit(String user, String address) {
    Failures pair = failures.get(key(user, address));
    Instant now = clock.instant();
    if (pair != null && pair.lockedUntil().isAfter(now)) {
      return Optional.of(Duration.between(now, pair.lockedUntil()));
    }
    if (checksRunning >= MAX_CHECKS_AT_ONCE) {
      return Optional.of(BUSY_RETRY);
    }
    checksRunning++;
    return Optional.empty();
  }

  /** An admitted check found the password right: the pair starts afresh. */
  public synchronized void succeeded(String user, String address) {
    checksRunning--;
    failures.remove(key(user, address));
  }

  /** An admitted check found the password wrong (or the user unknown). */
  public synchronized void failed(String user, String address) {
    checksRunning--;
    String key = key(user, address);
    Failures before = failures.remove(key);
    int count = before == null ? 1 : before.count() + 1;
    Instant lockedUntil = clock.instant().plus(lock(count));
    failures.put(key, new Failures(count, lockedUntil));
    forgetOldest();
  }

  /** How long a pair is refused after its {@code count}-th failure in a row. */
  static Duration lock(int count) {
    if (count < FREE_FAILURES) {
      return Duration.ZERO;
    }
    int doublings = Math.min(count - FREE_FAILURES, 10);
    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
    return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
  }

  /** Keeps memory bounded: the pairs that failed longest ago are forgotten first. */
  private void forgetOldest() {
    Iterator<String> oldest = failures.keySet().iterator();
    while (failures.size() > MAX_TRACKED_PAIRS) {
      oldest.next();
      oldest.remove();
    }
  }

  private static String key(String user, String address) {
    return address + '\n' + user;
  }
}
