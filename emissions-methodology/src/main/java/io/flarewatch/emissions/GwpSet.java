package io.flarewatch.emissions;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Global warming potentials used to express CH4 and N2O as CO2e. One set applies to a whole
 * calculation; sets are never mixed. CO2 is 1 in every set.
 */
public enum GwpSet {
  AR6_GWP100_FOSSIL("29.8", "273", "IPCC AR6 WG1 Table 7.15, GWP100, fossil CH4"),
  AR6_GWP100_NON_FOSSIL("27.0", "273", "IPCC AR6 WG1 Table 7.15, GWP100, non-fossil CH4"),
  AR6_GWP20_FOSSIL("82.5", "273", "IPCC AR6 WG1 Table 7.15, GWP20, fossil CH4"),
  AR5_GWP100("28", "265", "IPCC AR5 GWP100 without climate-carbon feedback (US GHGRP from RY2025)"),
  AR4_GWP100("25", "298", "IPCC AR4 GWP100");

  private final BigDecimal methane;
  private final BigDecimal nitrousOxide;
  private final String source;

  GwpSet(String methane, String nitrousOxide, String source) {
    this.methane = new BigDecimal(methane);
    this.nitrousOxide = new BigDecimal(nitrousOxide);
    this.source = source;
  }

  /** GWP of CH4, tCO2e per t CH4. */
  public BigDecimal methane() {
    return methane;
  }

  /** GWP of N2O, tCO2e per t N2O. */
  public BigDecimal nitrousOxide() {
    return nitrousOxide;
  }

  public String source() {
    return source;
  }

  /** The set named {@code name} (case-insensitive), if any. */
  public static Optional<GwpSet> byName(String name) {
    return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(name.trim())).findFirst();
  }

  public static String validNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
