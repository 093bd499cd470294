package io.flarewatch.emissions;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Engine types with their default combustion efficiency η (40 CFR 98.233(z)). */
public enum EngineType {
  TWO_STROKE_LEAN_BURN("0.953", "2-stroke lean burn"),
  FOUR_STROKE_LEAN_BURN("0.962", "4-stroke lean burn"),
  FOUR_STROKE_RICH_BURN("0.997", "4-stroke rich burn"),
  GAS_TURBINE("0.999", "gas turbine"),
  OTHER_INTERNAL_COMBUSTION("0.995", "other internal combustion");

  private final BigDecimal defaultEfficiency;
  private final String description;

  EngineType(String defaultEfficiency, String description) {
    this.defaultEfficiency = new BigDecimal(defaultEfficiency);
    this.description = description;
  }

  /** Default combustion efficiency η for this engine type. */
  public BigDecimal defaultEfficiency() {
    return defaultEfficiency;
  }

  public String description() {
    return description;
  }

  /** Citation of the default efficiency. */
  public String defaultSource() {
    return "40 CFR 98.233(z) default combustion efficiency, " + description;
  }

  /** The type named {@code name} (case-insensitive), if any. */
  public static Optional<EngineType> byName(String name) {
    return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(name.trim())).findFirst();
  }

  public static String validNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
