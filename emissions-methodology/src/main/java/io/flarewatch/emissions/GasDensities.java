package io.flarewatch.emissions;

import java.math.BigDecimal;

/**
 * Densities at standard conditions (98.233(v), W-36) and volume-to-mass conversions: CO2 and N2O
 * 0.0526 kg/scf, CH4 0.0192 kg/scf (836.4 scf per kg-mol).
 */
public final class GasDensities {

  public static final BigDecimal CO2_KG_PER_SCF = new BigDecimal("0.0526");
  public static final BigDecimal N2O_KG_PER_SCF = new BigDecimal("0.0526");
  public static final BigDecimal CH4_KG_PER_SCF = new BigDecimal("0.0192");

  private GasDensities() {}

  /** Metric tonnes of CH4 in {@code scf} standard cubic feet. */
  public static BigDecimal methaneTonnes(BigDecimal scf) {
    return scf.multiply(CH4_KG_PER_SCF).movePointLeft(3);
  }

  /** Metric tonnes of CO2 in {@code scf} standard cubic feet. */
  public static BigDecimal carbonDioxideTonnes(BigDecimal scf) {
    return scf.multiply(CO2_KG_PER_SCF).movePointLeft(3);
  }
}
