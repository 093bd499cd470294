package io.flarewatch.edge.localapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.simulator.ManualClock;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.SiteAudit;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteAuditLogTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T00:00:00Z"));
  private final List<String> stored = new ArrayList<>();
  private final SiteAuditLog log =
      new SiteAuditLog(
          "well-7",
          lines -> {
            stored.addAll(lines);
            return Future.succeededFuture();
          },
          clock);

  private static SiteAuditLog.Entry entry(String user, String outcome, int status) {
    return new SiteAuditLog.Entry(
        user,
        null,
        SiteAudit.VIA_LOCAL,
        SiteAudit.ACTION_LOGIN,
        outcome,
        status,
        "POST",
        "/api/v1/auth/token",
        "10.0.0.9",
        null,
        null);
  }

  private Point point(int index) {
    return LineProtocolParser.parse(stored.get(index)).get(0);
  }

  @Test
  void refusalsPastTheMinutesLimitAreCountedAndTheNextOneSaysHowMany() {
    for (int i = 0; i < SiteAuditLog.MAX_REFUSALS_PER_MINUTE + 5; i++) {
      log.recordOrCount(entry("guess-" + i, SiteAudit.OUTCOME_REFUSED, 401));
    }
    log.recordOrCount(entry("tech", SiteAudit.OUTCOME_OK, 200));
    assertEquals(SiteAuditLog.MAX_REFUSALS_PER_MINUTE + 1, stored.size(), "successes still count");

    clock.advance(Duration.ofMinutes(1));
    log.recordOrCount(entry("guess-x", SiteAudit.OUTCOME_LOCKED, 429));

    Point next = point(stored.size() - 1);
    assertEquals("guess-x", next.tag(SiteAudit.TAG_USER));
    assertEquals(
        "5 refusal(s) before this one were not recorded (over the minute's limit)",
        next.fields().get(SiteAudit.FIELD_NOTE));
  }

  @Test
  void eachEntryHasItsOwnMillisecondAndKeepsTheContract() {
    for (int i = 0; i < 3; i++) {
      log.recordOrCount(entry("tech", SiteAudit.OUTCOME_OK, 200));
    }
    for (int i = 0; i < 3; i++) {
      assertNull(Schema.problem(point(i), clock.millis(), 300_000), stored.get(i));
      assertEquals(clock.millis() + i, point(i).timeMillis(), "same user, same clock: apart");
    }
  }

  @Test
  void aClaimedNameIsCleanedAndCutToATagsLength() {
    log.recordOrCount(entry("a\\b\tc" + "x".repeat(100), SiteAudit.OUTCOME_REFUSED, 401));
    String user = point(0).tag(SiteAudit.TAG_USER);
    assertTrue(user.startsWith("a?b?cx"), user);
    assertEquals(64, user.length());
  }
}
