package io.flarewatch.emissions;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gas components the methodology accounts for, with their carbon atom count R_j (98.233(n),
 * W-20) and higher heating value (Btu/scf at 60 °F, GPA 2145). CO2 and N2 carry no combustible
 * carbon and no heating value; C5+ is counted as n-pentane.
 */
public enum GasComponent {
  CH4("CH4", "methane", 1, "1010.0"),
  C2H6("C2H6", "ethane", 2, "1769.7"),
  C3H8("C3H8", "propane", 3, "2516.1"),
  C4H10("C4H10", "n-butane", 4, "3262.3"),
  C5_PLUS("C5+", "pentanes plus (as n-pentane)", 5, "4008.9"),
  CO2("CO2", "carbon dioxide", 0, "0"),
  N2("N2", "nitrogen", 0, "0");

  private final String key;
  private final String description;
  private final int carbonAtoms;
  private final BigDecimal hhvBtuPerScf;

  GasComponent(String key, String description, int carbonAtoms, String hhvBtuPerScf) {
    this.key = key;
    this.description = description;
    this.carbonAtoms = carbonAtoms;
    this.hhvBtuPerScf = new BigDecimal(hhvBtuPerScf);
  }

  /** Key used in configuration and on the command line: CH4, C2H6, C3H8, C4H10, C5+, CO2, N2. */
  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  /** Carbon atoms per molecule R_j (hydrocarbons only; 0 for CO2 and N2). */
  public int carbonAtoms() {
    return carbonAtoms;
  }

  /** Higher heating value, Btu/scf at 60 °F (GPA 2145). */
  public BigDecimal hhvBtuPerScf() {
    return hhvBtuPerScf;
  }

  /** True for the hydrocarbons summed in Σ_j (Y_j · R_j). */
  public boolean isHydrocarbon() {
    return carbonAtoms > 0;
  }

  public static Optional<GasComponent> byKey(String key) {
    return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
  }

  /** The valid keys, comma separated, for error messages. */
  public static String validKeys() {
    return Arrays.stream(values()).map(GasComponent::key).collect(Collectors.joining(", "));
  }
}
