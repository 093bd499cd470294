package io.flarewatch.emissions;

/** Identity of the emissions methodology implemented by this package. */
public final class Methodology {

  /**
   * Methodology id and version carried by every result. The version changes whenever an equation,
   * constant or default changes, so stored figures can always be traced to the rules that made
   * them.
   */
  public static final String ID = "flarewatch-epa98w-1.0";

  /** Short citation of the rules implemented. */
  public static final String CITATION =
      "40 CFR 98.233(n) W-19/W-20 (flare baseline), 98.233(z) W-39A/B (engine project),"
          + " W-40 N2O, 98.233(t)/(v) conversions, as amended 89 FR 42062 (May 2024)";

  private Methodology() {}
}
