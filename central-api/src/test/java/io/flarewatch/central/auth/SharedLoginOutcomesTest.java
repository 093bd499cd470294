package io.flarewatch.central.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flarewatch.login.LoginThrottle;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SharedLoginOutcomesTest {

  private final Instant now = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void sharedOutcomesSurviveTheEventBusEncoding() {
    LoginThrottle.Outcome outcome =
        new LoginThrottle.Outcome(
            new LoginThrottle.Attempt("admin", "203.0.113.9", "device-of-admin"), false, now);
    assertEquals(outcome, SharedLoginOutcomes.decode(SharedLoginOutcomes.encode(outcome)));
    LoginThrottle.Outcome untrusted =
        new LoginThrottle.Outcome(
            new LoginThrottle.Attempt("admin", "203.0.113.9", null), true, now);
    assertEquals(untrusted, SharedLoginOutcomes.decode(SharedLoginOutcomes.encode(untrusted)));
  }
}
