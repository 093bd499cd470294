package io.flarewatch.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Slows password guessing without handing anyone a cheap way to lock a real user out, after OWASP's
 * device cookies; and bounds the CPU logins can take.
 *
 * <ul>
 *   <li>A login without a valid device token (an untrusted client) waits when its account has
 *       failed {@value #ACCOUNT_FREE_FAILURES} times in a row from any addresses, or its address
 *       has failed {@value #ADDRESS_FREE_FAILURES} times in a row for any accounts: 1 minute,
 *       doubling with each further failure up to 15 minutes ({@link Strikes}). Guesses spread over
 *       many addresses, or over many accounts, are limited alike.
 *   <li>A login with a device token central issued to that user on an earlier successful login (a
 *       trusted client) skips both: an attack on the account, even from the user's own address
 *       behind a shared NAT, does not lock the user's devices out. Each device token has its own
 *       budget of {@value #DEVICE_FREE_FAILURES} failures in a row; past it, it counts as
 *       untrusted.
 *   <li>At most {@value #MAX_CHECKS_AT_ONCE} password checks (PBKDF2, a good fraction of a second
 *       each) run at once, untrusted clients taking at most {@value #MAX_UNTRUSTED_CHECKS_AT_ONCE}
 *       of them, so a flood of logins cannot starve ingest, nor keep the users' devices out.
 * </ul>
 *
 * Counts live in this process (a restart forgets them) and in bounded memory; configured users'
 * accounts are kept apart from the names nobody has, so made-up names cannot push a real account's
 * count out. Every outcome counted here goes to {@link #onOutcome}'s listener, and outcomes counted
 * by other replicas come in through {@link #counted}, so each replica holds the counts of all
 * (central's {@code SharedLoginOutcomes}): guesses spread over replicas are limited alike. The
 * concurrency limit stays per replica, as the CPU it guards is. Methods are synchronized: they are
 * quick, and logins are rare.
 */
public final class LoginThrottle {

  public static final int ACCOUNT_FREE_FAILURES = 10;
  public static final int ADDRESS_FREE_FAILURES = 20;
  public static final int DEVICE_FREE_FAILURES = 5;
  public static final int MAX_CHECKS_AT_ONCE = 4;
  public static final int MAX_UNTRUSTED_CHECKS_AT_ONCE = MAX_CHECKS_AT_ONCE - 1;
  public static final Duration BUSY_RETRY = Duration.ofSeconds(1);
  private static final int MAX_KEYS = 10_000;

  /**
   * One login attempt.
   *
   * @param user the name it claims
   * @param address the client's address (see {@code ClientAddress})
   * @param device the id of a valid device token the user presented; null for none
   */
  public record Attempt(String user, String address, String device) {

    boolean trusted() {
      return device != null;
    }

    Attempt untrusted() {
      return new Attempt(user, address, null);
    }
  }

  /**
   * What {@link #admit} decided: the attempt admitted (untrusted when its device had to wait), or
   * how long to wait before trying again.
   */
  public record Admission(Attempt attempt, Duration retryAfter) {

    public boolean admitted() {
      return retryAfter == null;
    }

    /** The wait in whole seconds, at least 1, as a {@code Retry-After} header says it. */
    public int retryAfterSeconds() {
      return retryAfter == null ? 0 : (int) Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  /**
   * A finished check as counted: the admitted attempt, whether the password was right, and when.
   */
  public record Outcome(Attempt attempt, boolean succeeded, Instant at) {}

  private final Clock clock;
  private final Set<String> knownUsers;
  private volatile Consumer<Outcome> outcomes = outcome -> {};
  private final Strikes accounts = new Strikes(ACCOUNT_FREE_FAILURES, 0);
  private final Strikes unknownAccounts = new Strikes(ACCOUNT_FREE_FAILURES, MAX_KEYS);
  private final Strikes addresses = new Strikes(ADDRESS_FREE_FAILURES, MAX_KEYS);
  private final Strikes devices = new Strikes(DEVICE_FREE_FAILURES, MAX_KEYS);
  private int checksRunning;

  public LoginThrottle(Clock clock, Set<String> knownUsers) {
    this.clock = clock;
    this.knownUsers = Set.copyOf(knownUsers);
  }

  /**
   * Admits a password check or says how long to wait. An admitted check must end with {@link
   * #succeeded} or {@link #failed} of the admitted attempt.
   */
  public synchronized Admission admit(Attempt attempt) {
    Instant now = clock.instant();
    if (attempt.trusted() && devices.wait(attempt.device(), now).isZero()) {
      return start(attempt, MAX_CHECKS_AT_ONCE);
    }
    Attempt untrusted = attempt.untrusted();
    Duration account = accounts(untrusted.user()).wait(untrusted.user(), now);
    Duration address = addresses.wait(untrusted.address(), now);
    Duration wait = account.compareTo(address) >= 0 ? account : address;
    if (!wait.isZero()) {
      return new Admission(untrusted, wait);
    }
    return start(untrusted, MAX_UNTRUSTED_CHECKS_AT_ONCE);
  }

  /** An admitted check found the password right. */
  public void succeeded(Attempt admitted) {
    finished(new Outcome(admitted, true, clock.instant()));
  }

  /** An admitted check found the password wrong (or the user unknown). */
  public void failed(Attempt admitted) {
    finished(new Outcome(admitted, false, clock.instant()));
  }

  /** Calls {@code listener} with each outcome of a check admitted here, once counted. */
  public void onOutcome(Consumer<Outcome> listener) {
    outcomes = listener;
  }

  /** Counts an outcome of a check another replica admitted. */
  public synchronized void counted(Outcome outcome) {
    count(outcome);
  }

  private void finished(Outcome outcome) {
    synchronized (this) {
      checksRunning--;
      count(outcome);
    }
    outcomes.accept(outcome);
  }

  private void count(Outcome outcome) {
    Attempt attempt = outcome.attempt();
    if (outcome.succeeded()) {
      if (attempt.trusted()) {
        devices.succeeded(attempt.device());
      } else {
        accounts(attempt.user()).succeeded(attempt.user());
        addresses.succeeded(attempt.address());
      }
    } else if (attempt.trusted()) {
      devices.failed(attempt.device(), outcome.at());
    } else {
      accounts(attempt.user()).failed(attempt.user(), outcome.at());
      addresses.failed(attempt.address(), outcome.at());
    }
  }

  private Admission start(Attempt attempt, int maxChecks) {
    if (checksRunning >= maxChecks) {
      return new Admission(attempt, BUSY_RETRY);
    }
    checksRunning++;
    return new Admission(attempt, null);
  }

  private Strikes accounts(String user) {
    return knownUsers.contains(user) ? accounts : unknownAccounts;
  }
}
