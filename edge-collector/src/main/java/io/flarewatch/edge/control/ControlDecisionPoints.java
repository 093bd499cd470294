package io.flarewatch.edge.control;

import io.flarewatch.edge.polling.ShortText;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.util.stream.Collectors;

/** A decision of the load loop as a {@code control_decision} point stamped with its cycle. */
public final class ControlDecisionPoints {

  private ControlDecisionPoints() {}

  public static Point of(String site, ControlDecision decision) {
    long slept = count(decision, MinerChange.Action.SLEEP);
    long woken = count(decision, MinerChange.Action.WAKE);
    long limited = count(decision, MinerChange.Action.POWER_LIMIT);
    Point.Builder point =
        Point.builder(Schema.CONTROL_DECISION, decision.at().toEpochMilli())
            .tag(Schema.TAG_SITE, site)
            .field(Schema.FIELD_REASON, decision.reason())
            .field(Schema.FIELD_CAPACITY_KW, round(decision.capacityKw()))
            .field(Schema.FIELD_TARGET_KW, round(decision.targetKw()))
            .field(Schema.FIELD_LOAD_KW, round(decision.loadKw()))
            .field(Schema.FIELD_MINERS_SLEPT, slept)
            .field(Schema.FIELD_MINERS_WOKEN, woken)
            .field(Schema.FIELD_MINERS_LIMITED, limited)
            .field(Schema.FIELD_MINERS_OVERRIDDEN, (long) decision.overridden().size());
    if (decision.gasScfh() != null) {
      point.field(Schema.FIELD_GAS_AVAILABLE_SCFH, round(decision.gasScfh()));
    }
    String changed =
        ShortText.of(
            decision.changes().stream().map(MinerChange::minerId).collect(Collectors.joining(",")));
    if (changed != null) {
      point.field(Schema.FIELD_MINERS_CHANGED, changed);
    }
    return point.build();
  }

  private static long count(ControlDecision decision, MinerChange.Action action) {
    return decision.changes().stream().filter(c -> c.action() == action).count();
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
