package io.flarewatch.edge.control;

import java.util.Locale;

/**
 * Generator alarms the load loop acts on, each a named bit of the generator's alarm word (a field
 * of its {@code generator} point named like {@link #field()}).
 */
public enum GeneratorAlarm {
  /** The engine stopped: every miner is shed so the restart does not meet the whole load. */
  ENGINE_TRIP,
  LOW_GAS_PRESSURE,
  OVERLOAD,
  HIGH_COOLANT_TEMP;

  /** The field of the {@code generator} point holding this bit, e.g. {@code low_gas_pressure}. */
  public String field() {
    return name().toLowerCase(Locale.ROOT);
  }
}
