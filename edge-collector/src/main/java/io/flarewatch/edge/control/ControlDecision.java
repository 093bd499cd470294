package io.flarewatch.edge.control;

import java.time.Instant;
import java.util.List;

/**
 * What the load loop decided in one cycle; each one becomes a {@code control_decision} point.
 *
 * @param at the cycle's time
 * @param reason why: {@code shed_gas}, {@code add_gas}, {@code hold}, {@code engine_trip}, {@code
 *     alarm_<alarm>}, {@code override} (nothing to change, and miners are held by commands) or
 *     {@code no_gas_reading}
 * @param gasScfh gas available, null when unknown
 * @param capacityKw the output that gas can carry (at most the rating), 0 when unknown
 * @param targetKw the load aimed at: capacity less the safety margin
 * @param loadKw the load expected once the changes are made
 * @param changes what to do to which miners, in order
 * @param overridden miners left alone because an operator's command holds them
 */
public record ControlDecision(
    Instant at,
    String reason,
    Double gasScfh,
    double capacityKw,
    double targetKw,
    double loadKw,
    List<MinerChange> changes,
    List<String> overridden) {

  public static final String SHED_GAS = "shed_gas";
  public static final String ADD_GAS = "add_gas";
  public static final String HOLD = "hold";
  public static final String ENGINE_TRIP = "engine_trip";
  public static final String OVERRIDE = "override";
  public static final String NO_GAS_READING = "no_gas_reading";

  public ControlDecision {
    changes = List.copyOf(changes);
    overridden = List.copyOf(overridden);
  }

  /** The reason for a generator alarm, e.g. {@code alarm_low_gas_pressure}. */
  public static String alarm(GeneratorAlarm alarm) {
    return "alarm_" + alarm.field();
  }
}
