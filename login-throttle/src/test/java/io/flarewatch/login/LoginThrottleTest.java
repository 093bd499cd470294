package io.flarewatch.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final String USER = "admin";
  private static final String ADDRESS = "203.0.113.9";
  private static final String DEVICE = "device-of-admin";

  private Instant now = Instant.parse("2026-11-01T00:00:00Z");
  private final LoginThrottle throttle =
      new LoginThrottle(
          new Clock() {
            @Override
            public Instant instant() {
              return now;
            }

            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
              return this;
            }
          },
          Set.of(USER, "viewer"));

  private static LoginThrottle.Attempt attempt(String user, String address, String device) {
    return new LoginThrottle.Attempt(user, address, device);
  }

  private LoginThrottle.Admission admit(String user, String address, String device) {
    return throttle.admit(attempt(user, address, device));
  }

  private void fail(String user, String address, String device) {
    LoginThrottle.Admission admission = admit(user, address, device);
    assertTrue(admission.admitted(), () -> user + " from " + address + ": " + admission);
    throttle.failed(admission.attempt());
  }

  private void succeed(String user, String address, String device) {
    LoginThrottle.Admission admission = admit(user, address, device);
    assertTrue(admission.admitted(), () -> user + " from " + address + ": " + admission);
    throttle.succeeded(admission.attempt());
  }

  @Test
  void guessesSpreadOverManyAddressesSpendOneBudgetPerAccount() {
    for (int i = 0; i < LoginThrottle.ACCOUNT_FREE_FAILURES; i++) {
      fail(USER, "198.51.100." + i, null);
    }
    assertEquals(Duration.ofMinutes(1), admit(USER, "192.0.2.1", null).retryAfter());
    now = now.plusSeconds(59);
    assertEquals(Duration.ofSeconds(1), admit(USER, "192.0.2.2", null).retryAfter());
    now = now.plusSeconds(1);
    fail(USER, "192.0.2.3", null);
    assertEquals(Duration.ofMinutes(2), admit(USER, "192.0.2.4", null).retryAfter());
    assertTrue(admit("viewer", "192.0.2.4", null).admitted(), "other accounts are not affected");
  }

  @Test
  void aDeviceThatLoggedInBeforeGetsInDuringAnAttackEvenFromTheSameAddress() {
    for (int i = 0; i < LoginThrottle.ACCOUNT_FREE_FAILURES; i++) {
      fail(USER, ADDRESS, null);
    }
    assertFalse(admit(USER, ADDRESS, null).admitted());
    LoginThrottle.Admission device = admit(USER, ADDRESS, DEVICE);
    assertTrue(device.admitted());
    assertEquals(DEVICE, device.attempt().device());
    throttle.succeeded(device.attempt());
    assertFalse(admit(USER, ADDRESS, null).admitted(), "the device's success clears no budget");
  }

  @Test
  void aDeviceHasItsOwnBudgetAndThenCountsAsUntrusted() {
    for (int i = 0; i < LoginThrottle.DEVICE_FREE_FAILURES; i++) {
      fail(USER, ADDRESS, DEVICE);
    }
    LoginThrottle.Admission next = admit(USER, ADDRESS, DEVICE);
    assertTrue(next.admitted(), "a locked device token is ignored, not refused");
    assertNull(next.attempt().device());
    throttle.failed(next.attempt());
    assertTrue(admit(USER, ADDRESS, "another-device").admitted());
  }

  @Test
  void oneAddressGuessingManyAccountsWaits() {
    for (int i = 0; i < LoginThrottle.ADDRESS_FREE_FAILURES; i++) {
      fail("user-" + i, ADDRESS, null);
    }
    assertEquals(Duration.ofMinutes(1), admit("user-x", ADDRESS, null).retryAfter());
    assertTrue(admit("user-x", "198.51.100.1", null).admitted());
  }

  @Test
  void aSuccessStartsAccountAndAddressAfresh() {
    for (int i = 0; i < LoginThrottle.ACCOUNT_FREE_FAILURES - 1; i++) {
      fail(USER, ADDRESS, null);
    }
    succeed(USER, ADDRESS, null);
    for (int i = 0; i < LoginThrottle.ACCOUNT_FREE_FAILURES - 1; i++) {
      fail(USER, ADDRESS, null);
    }
    assertTrue(admit(USER, ADDRESS, null).admitted());
  }

  @Test
  void aDayWithoutFailuresStartsAfresh() {
    for (int i = 0; i < LoginThrottle.ACCOUNT_FREE_FAILURES; i++) {
      fail(USER, "198.51.100." + i, null);
    }
    now = now.plus(Duration.ofDays(1)).plusSeconds(1);
    fail(USER, ADDRESS, null);
    assertTrue(admit(USER, ADDRESS, null).admitted(), "one failure of a fresh count");
  }

  @Test
  void madeUpNamesCannotPushARealAccountsCountOut() {
    for (int i = 0; i < LoginThrottle.ACCOUNT_FREE_FAILURES; i++) {
      fail(USER, "198.51.100." + i, null);
    }
    for (int i = 0; i < 10_001; i++) {
      now = now.plusMillis(1);
      fail("made-up-" + i, "10." + (i / 256) + "." + (i % 256) + ".1", null);
    }
    assertFalse(admit(USER, "198.51.100.250", null).admitted());
  }

  @Test
  void untrustedLoginsLeaveOneOfTheFourChecksForDevices() {
    for (int i = 0; i < LoginThrottle.MAX_UNTRUSTED_CHECKS_AT_ONCE; i++) {
      assertTrue(admit("user-" + i, ADDRESS, null).admitted());
    }
    assertEquals(LoginThrottle.BUSY_RETRY, admit("user-x", ADDRESS, null).retryAfter());
    LoginThrottle.Admission device = admit(USER, ADDRESS, DEVICE);
    assertTrue(device.admitted());
    assertEquals(LoginThrottle.BUSY_RETRY, admit(USER, ADDRESS, "device-2").retryAfter());
    throttle.succeeded(device.attempt());
    assertTrue(admit(USER, ADDRESS, "device-2").admitted());
  }

  @Test
  void outcomesCountedElsewhereLockHereAndASuccessElsewhereClears() {
    LoginThrottle other = new LoginThrottle(Clock.fixed(now, ZoneOffset.UTC), Set.of(USER));
    List<LoginThrottle.Outcome> shared = new ArrayList<>();
    other.onOutcome(shared::add);
    for (int i = 0; i < LoginThrottle.ACCOUNT_FREE_FAILURES; i++) {
      LoginThrottle.Admission admission = other.admit(attempt(USER, "198.51.100." + i, null));
      other.failed(admission.attempt());
    }
    assertEquals(LoginThrottle.ACCOUNT_FREE_FAILURES, shared.size());
    fail(USER, ADDRESS, null);
    shared.forEach(throttle::counted);
    // its own failure and the ten counted elsewhere: eleven in a row
    assertEquals(Duration.ofMinutes(2), admit(USER, "192.0.2.1", null).retryAfter());

    shared.clear();
    LoginThrottle.Admission device = other.admit(attempt(USER, "192.0.2.2", DEVICE));
    other.succeeded(device.attempt());
    LoginThrottle.Admission right = other.admit(attempt("viewer", "192.0.2.3", null));
    other.succeeded(right.attempt());
    shared.forEach(throttle::counted);
    assertFalse(admit(USER, "192.0.2.1", null).admitted(), "another's success clears no other");
    throttle.counted(new LoginThrottle.Outcome(attempt(USER, "192.0.2.9", null), true, now));
    assertTrue(admit(USER, "192.0.2.1", null).admitted(), "the user's success elsewhere clears");
  }

  @Test
  void locksGrowAsDocumented() {
    assertEquals(Duration.ZERO, Strikes.lock(9, 10));
    assertEquals(Duration.ofMinutes(1), Strikes.lock(10, 10));
    assertEquals(Duration.ofMinutes(8), Strikes.lock(13, 10));
    assertEquals(Duration.ofMinutes(15), Strikes.lock(14, 10));
    assertEquals(Duration.ofMinutes(15), Strikes.lock(1_000, 10));
  }
}
