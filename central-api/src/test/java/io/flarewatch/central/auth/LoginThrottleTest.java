package io.flarewatch.central.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final String USER = "admin";
  private static final String ADDRESS = "203.0.113.9";

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
          });

  private void fail(String user, String address) {
    assertEquals(Optional.empty(), throttle.admit(user, address));
    throttle.failed(user, address);
  }

  @Test
  void fiveFailuresAreFreeThenThePairWaitsAMinuteDoublingUpToFifteen() {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      fail(USER, ADDRESS);
    }
    assertEquals(Optional.of(Duration.ofMinutes(1)), throttle.admit(USER, ADDRESS));

    now = now.plusSeconds(59);
    assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.admit(USER, ADDRESS));
    now = now.plusSeconds(1);
    fail(USER, ADDRESS);
    assertEquals(Optional.of(Duration.ofMinutes(2)), throttle.admit(USER, ADDRESS));

    for (int minutes : new int[] {2, 4, 8, 15, 15}) {
      now = now.plus(Duration.ofMinutes(minutes));
      fail(USER, ADDRESS);
    }
    assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.admit(USER, ADDRESS));
  }

  @Test
  void aSuccessStartsThePairAfresh() {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
      fail(USER, ADDRESS);
    }
    assertEquals(Optional.empty(), throttle.admit(USER, ADDRESS));
    throttle.succeeded(USER, ADDRESS);
    for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
      fail(USER, ADDRESS);
    }
    assertEquals(Optional.empty(), throttle.admit(USER, ADDRESS));
  }

  @Test
  void aLockedPairLocksNeitherTheUserElsewhereNorOthersFromThatAddress() {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      fail(USER, ADDRESS);
    }
    assertEquals(Optional.empty(), throttle.admit(USER, "198.51.100.7"));
    throttle.succeeded(USER, "198.51.100.7");
    assertEquals(Optional.empty(), throttle.admit("viewer", ADDRESS));
    throttle.succeeded("viewer", ADDRESS);
    assertEquals(Optional.of(Duration.ofMinutes(1)), throttle.admit(USER, ADDRESS));
  }

  @Test
  void onlyFourPasswordChecksRunAtOnce() {
    for (int i = 0; i < LoginThrottle.MAX_CHECKS_AT_ONCE; i++) {
      assertEquals(Optional.empty(), throttle.admit("user-" + i, ADDRESS));
    }
    assertEquals(Optional.of(LoginThrottle.BUSY_RETRY), throttle.admit("user-x", ADDRESS));
    throttle.succeeded("user-0", ADDRESS);
    assertEquals(Optional.empty(), throttle.admit("user-x", ADDRESS));
  }

  @Test
  void locksGrowAsDocumented() {
    assertEquals(Duration.ZERO, LoginThrottle.lock(4));
    assertEquals(Duration.ofMinutes(1), LoginThrottle.lock(5));
    assertEquals(Duration.ofMinutes(8), LoginThrottle.lock(8));
    assertEquals(Duration.ofMinutes(15), LoginThrottle.lock(9));
    assertEquals(Duration.ofMinutes(15), LoginThrottle.lock(1_000));
  }
}
