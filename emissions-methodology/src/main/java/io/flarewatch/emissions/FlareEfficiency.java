package io.flarewatch.emissions;

import java.math.BigDecimal;

/**
 * Destruction efficiency η_D (W-19) and combustion efficiency η_C (W-20) of the baseline flare, in
 * one of three forms, each with a named source.
 */
public sealed interface FlareEfficiency
    permits FlareEfficiency.DefaultTier,
        FlareEfficiency.MeasuredCombustion,
        FlareEfficiency.SingleEfficiency {

  /** Percentage points added to a measured η_C to obtain η_D (98.233(n)). */
  BigDecimal DESTRUCTION_ABOVE_COMBUSTION = new BigDecimal("0.015");

  /** Destruction efficiency η_D. */
  BigDecimal destruction();

  /** Combustion efficiency η_C. */
  BigDecimal combustion();

  /** Where the values come from. */
  String source();

  /** Name of the form, as reported in parameters: DEFAULT_TIER, MEASURED_COMBUSTION, SINGLE. */
  String form();

  /**
   * The regulatory default of 40 CFR 98.233(n)(1), tier 1 (η_D 0.98, η_C 0.965), which every report
   * discloses beside the site's own choice.
   */
  static FlareEfficiency regulatoryDefault() {
    return new DefaultTier(1);
  }

  /**
   * Default efficiencies of 98.233(n)(1): tier 1 η_D 0.98 / η_C 0.965, tier 2 0.95 / 0.935, tier 3
   * 0.92 / 0.905.
   *
   * @param tier 1, 2 or 3
   * @param source citation; the regulation is cited when null
   */
  record DefaultTier(int tier, String source) implements FlareEfficiency {

    private static final String[][] TABLE = {
      {"0.98", "0.965"}, {"0.95", "0.935"}, {"0.92", "0.905"}
    };

    public DefaultTier {
      checkTier("flare.tier", tier);
      if (source == null) {
        source = "40 CFR 98.233(n)(1) default flare efficiencies, tier " + tier;
      }
      Checks.nonBlank("flare.source", source, "cite the source of the efficiency");
    }

    public DefaultTier(int tier) {
      this(tier, null);
    }

    static void checkTier(String path, long tier) {
      if (tier < 1 || tier > TABLE.length) {
        throw new InvalidEmissionsParametersException(
            path,
            tier
                + " is not a default tier; valid: 1 (η_D 0.98, η_C 0.965),"
                + " 2 (η_D 0.95, η_C 0.935), 3 (η_D 0.92, η_C 0.905)");
      }
    }

    @Override
    public BigDecimal destruction() {
      return new BigDecimal(TABLE[tier - 1][0]);
    }

    @Override
    public BigDecimal combustion() {
      return new BigDecimal(TABLE[tier - 1][1]);
    }

    @Override
    public String form() {
      return "DEFAULT_TIER";
    }
  }

  /**
   * A measured combustion efficiency η_C; η_D = η_C + 0.015 (e.g. 0.965 → 0.98).
   *
   * @param combustionEfficiency η_C in (0, 0.985]
   * @param source what the measurement is
   */
  record MeasuredCombustion(double combustionEfficiency, String source) implements FlareEfficiency {

    public MeasuredCombustion {
      checkCombustion("flare.combustionEfficiency", combustionEfficiency);
      Checks.nonBlank("flare.source", source, "name the measurement");
    }

    static void checkCombustion(String path, double value) {
      Checks.efficiency(path, value);
      BigDecimal max = BigDecimal.ONE.subtract(DESTRUCTION_ABOVE_COMBUSTION);
      if (BigDecimal.valueOf(value).compareTo(max) > 0) {
        throw new InvalidEmissionsParametersException(
            path,
            Checks.plain(value)
                + " + 0.015 gives a destruction efficiency above 1; must be in (0, "
                + max.toPlainString()
                + "]");
      }
    }

    @Override
    public BigDecimal destruction() {
      return combustion().add(DESTRUCTION_ABOVE_COMBUSTION);
    }

    @Override
    public BigDecimal combustion() {
      return BigDecimal.valueOf(combustionEfficiency);
    }

    @Override
    public String form() {
      return "MEASURED_COMBUSTION";
    }
  }

  /**
   * One efficiency for both destruction and combustion, η_D = η_C = η (field studies, worked
   * examples).
   *
   * @param efficiency η in (0, 1]
   * @param source the study or standard the value comes from
   */
  record SingleEfficiency(double efficiency, String source) implements FlareEfficiency {

    public SingleEfficiency {
      Checks.efficiency("flare.efficiency", efficiency);
      Checks.nonBlank("flare.source", source, "cite the study or standard");
    }

    @Override
    public BigDecimal destruction() {
      return BigDecimal.valueOf(efficiency);
    }

    @Override
    public BigDecimal combustion() {
      return BigDecimal.valueOf(efficiency);
    }

    @Override
    public String form() {
      return "SINGLE";
    }
  }
}
