package io.flarewatch.emissions;

import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * Combustion efficiency of the project engine: the default for its type, or a measured value
 * (performance test) that replaces it.
 *
 * @param type engine type
 * @param measured measured combustion efficiency in (0, 1], or empty to use the type's default
 * @param measuredSource what the measured value comes from; required with, and only with, a
 *     measured value
 */
public record EngineEfficiency(EngineType type, OptionalDouble measured, String measuredSource) {

  public EngineEfficiency {
    Checks.nonNull("engine.type", type);
    Checks.nonNull("engine.measuredEfficiency", measured);
    if (measured.isPresent()) {
      Checks.efficiency("engine.measuredEfficiency", measured.getAsDouble());
      Checks.nonBlank("engine.source", measuredSource, "name the performance test");
    } else if (measuredSource != null) {
      throw new InvalidEmissionsParametersException(
          "engine.source",
          "only allowed together with measuredEfficiency (the default η cites 98.233(z))");
    }
  }

  /** The default efficiency of {@code type}. */
  public static EngineEfficiency defaultFor(EngineType type) {
    return new EngineEfficiency(type, OptionalDouble.empty(), null);
  }

  /** A measured efficiency that replaces the default of {@code type}. */
  public static EngineEfficiency measured(EngineType type, double efficiency, String source) {
    return new EngineEfficiency(type, OptionalDouble.of(efficiency), source);
  }

  /** The efficiency η used in W-39A/B. */
  public BigDecimal efficiency() {
    return measured.isPresent()
        ? BigDecimal.valueOf(measured.getAsDouble())
        : type.defaultEfficiency();
  }

  /** "measured" or "default". */
  public String basis() {
    return measured.isPresent() ? "measured" : "default";
  }

  /** Source of the efficiency used. */
  public String source() {
    return measured.isPresent() ? measuredSource : type.defaultSource();
  }
}
