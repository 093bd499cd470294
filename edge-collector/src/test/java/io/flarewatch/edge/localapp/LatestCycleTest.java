package io.flarewatch.edge.localapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The site-local site detail carries the load loop's latest decision as central's does. */
class LatestCycleTest {

  private static final long T0 = 1_770_000_000_000L;

  private static Point summary(long at) {
    return Point.builder(Schema.SITE_SUMMARY, at)
        .tag(Schema.TAG_SITE, "s1")
        .field(Schema.FIELD_HASHRATE_THS, 100.0)
        .build();
  }

  private static Point decision(long at, String reason) {
    return Point.builder(Schema.CONTROL_DECISION, at)
        .tag(Schema.TAG_SITE, "s1")
        .field(Schema.FIELD_REASON, reason)
        .field(Schema.FIELD_GAS_AVAILABLE_SCFH, 9000.5)
        .field(Schema.FIELD_CAPACITY_KW, 700.5)
        .field(Schema.FIELD_TARGET_KW, 650.0)
        .field(Schema.FIELD_LOAD_KW, 820.0)
        .field(Schema.FIELD_MINERS_SLEPT, 2L)
        .field(Schema.FIELD_MINERS_WOKEN, 0L)
        .field(Schema.FIELD_MINERS_LIMITED, 1L)
        .field(Schema.FIELD_MINERS_OVERRIDDEN, 0L)
        .field(Schema.FIELD_MINERS_CHANGED, "m-01,m-02")
        .build();
  }

  private static JsonObject detail(LatestCycle latest) {
    return latest.latest().orElseThrow().detail();
  }

  @Test
  void noDecisionYetIsNull() {
    LatestCycle latest = new LatestCycle("s1");
    latest.stored(T0, List.of(summary(T0)));
    assertTrue(detail(latest).containsKey("loadControl"));
    assertNull(detail(latest).getValue("loadControl"));
  }

  @Test
  void aDecisionShowsAtOnceAndStaysWithTheNextCycles() {
    LatestCycle latest = new LatestCycle("s1");
    latest.stored(T0, List.of(summary(T0)));
    JsonObject before = detail(latest);
    latest.decided(decision(T0, "shed_gas"));
    JsonObject shown = detail(latest).getJsonObject("loadControl");
    assertNotNull(shown, detail(latest).encodePrettily());
    assertEquals("shed_gas", shown.getString("reason"));
    assertEquals(Instant.ofEpochMilli(T0).toString(), shown.getString("time"));
    assertEquals(9000.5, shown.getDouble("gas_available_scfh"), 1e-9);
    assertEquals(700.5, shown.getDouble("capacity_kw"), 1e-9);
    assertEquals(650.0, shown.getDouble("target_kw"), 1e-9);
    assertEquals(820.0, shown.getDouble("load_kw"), 1e-9);
    assertEquals(2, shown.getInteger("miners_slept"));
    assertEquals(1, shown.getInteger("miners_limited"));
    assertEquals("m-01,m-02", shown.getString("miners_changed"));
    assertFalse(shown.containsKey(Schema.TAG_SITE));
    assertNull(before.getValue("loadControl"), "an earlier snapshot is not changed");
    assertEquals(100.0, detail(latest).getJsonObject("summary").getDouble("hashrate_ths"), 1e-9);

    latest.stored(T0 + 10_000, List.of(summary(T0 + 10_000)));
    assertEquals("shed_gas", detail(latest).getJsonObject("loadControl").getString("reason"));
    latest.decided(decision(T0 + 10_000, "hold"));
    assertEquals("hold", detail(latest).getJsonObject("loadControl").getString("reason"));
  }

  @Test
  void aDecisionOlderThanFifteenMinutesAtACycleIsNoLongerShown() {
    LatestCycle latest = new LatestCycle("s1");
    latest.decided(decision(T0, "add_gas"));
    long fifteenMinutes = LatestCycle.LOAD_CONTROL_WITHIN.toMillis();
    latest.stored(T0 + fifteenMinutes, List.of(summary(T0 + fifteenMinutes)));
    assertEquals("add_gas", detail(latest).getJsonObject("loadControl").getString("reason"));
    latest.stored(T0 + fifteenMinutes + 1, List.of(summary(T0 + fifteenMinutes + 1)));
    assertNull(detail(latest).getValue("loadControl"));
  }
}
