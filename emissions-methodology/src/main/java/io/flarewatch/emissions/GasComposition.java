package io.flarewatch.emissions;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Mole fractions of the gas burned. Components left out are zero. The fractions must sum to 1 ±
 * {@value #SUM_TOLERANCE}; they are used as given, not normalised.
 *
 * @param moleFractions mole fraction per component, each in [0, 1]
 */
public record GasComposition(Map<GasComponent, Double> moleFractions) {

  /** Allowed deviation of the sum of mole fractions from 1. */
  public static final double SUM_TOLERANCE = 0.005;

  public GasComposition {
    Checks.nonNull("gasComposition", moleFractions);
    EnumMap<GasComponent, Double> copy = new EnumMap<>(GasComponent.class);
    for (GasComponent component : GasComponent.values()) {
      Double value = moleFractions.get(component);
      copy.put(
          component,
          value == null ? 0.0 : Checks.fraction("gasComposition." + component.key(), value));
    }
    checkSum("gasComposition", copy);
    moleFractions = Collections.unmodifiableMap(copy);
  }

  /**
   * Composition from the seven mole fractions in the order CH4, C2H6, C3H8, C4H10, C5+, CO2, N2.
   */
  public static GasComposition of(
      double ch4, double c2h6, double c3h8, double c4h10, double c5Plus, double co2, double n2) {
    EnumMap<GasComponent, Double> map = new EnumMap<>(GasComponent.class);
    map.put(GasComponent.CH4, ch4);
    map.put(GasComponent.C2H6, c2h6);
    map.put(GasComponent.C3H8, c3h8);
    map.put(GasComponent.C4H10, c4h10);
    map.put(GasComponent.C5_PLUS, c5Plus);
    map.put(GasComponent.CO2, co2);
    map.put(GasComponent.N2, n2);
    return new GasComposition(map);
  }

  /** Requires the fractions to sum to 1 ± {@value #SUM_TOLERANCE}. */
  static void checkSum(String path, Map<GasComponent, Double> fractions) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Double value : fractions.values()) {
      sum = sum.add(BigDecimal.valueOf(value));
    }
    if (sum.subtract(BigDecimal.ONE).abs().compareTo(BigDecimal.valueOf(SUM_TOLERANCE)) > 0) {
      throw new InvalidEmissionsParametersException(
          path,
          String.format(
              Locale.ROOT, "mole fractions sum to %.4f, must be 1 ± %s", sum, SUM_TOLERANCE));
    }
  }

  public double fraction(GasComponent component) {
    return moleFractions.get(component);
  }

  /** Mole fraction as an exact decimal (the shortest decimal that round-trips the double). */
  public BigDecimal exactFraction(GasComponent component) {
    return BigDecimal.valueOf(moleFractions.get(component));
  }

  /** Σ_j (Y_j · R_j): carbon atoms per molecule of gas, over the hydrocarbons (W-20, W-39A). */
  public BigDecimal carbonAtomsPerMolecule() {
    BigDecimal sum = BigDecimal.ZERO;
    for (GasComponent component : GasComponent.values()) {
      if (component.isHydrocarbon()) {
        sum =
            sum.add(exactFraction(component).multiply(BigDecimal.valueOf(component.carbonAtoms())));
      }
    }
    return sum;
  }

  /** Higher heating value of the mixture, Btu/scf at 60 °F: Σ_j (Y_j · HHV_j), GPA 2145. */
  public BigDecimal higherHeatingValueBtuPerScf() {
    BigDecimal sum = BigDecimal.ZERO;
    for (GasComponent component : GasComponent.values()) {
      sum = sum.add(exactFraction(component).multiply(component.hhvBtuPerScf()));
    }
    return sum;
  }

  /** Higher heating value in mmBtu/scf, as W-40 uses it. */
  public BigDecimal higherHeatingValueMmBtuPerScf() {
    return higherHeatingValueBtuPerScf().movePointLeft(6);
  }
}
