package io.flarewatch.emissions;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the methodology needs about a site besides the gas volume. Built from the {@code
 * emissions:} section of a site's configuration with {@link #fromMap} or {@link #fromJson}; see the
 * module README for the keys.
 *
 * @param gasComposition mole fractions of the gas burned
 * @param compositionSource where the composition comes from (lab report, date)
 * @param flareEfficiency baseline flare efficiency with its source
 * @param unlitFraction baseline flare unlit fraction Z_U in [0, 1]
 * @param engine project engine type and efficiency
 * @param gwpSet global warming potentials
 * @param pressureBasePsia pressure base of the gas meter (60 °F), psia
 */
public record SiteEmissionsParameters(
    GasComposition gasComposition,
    String compositionSource,
    FlareEfficiency flareEfficiency,
    double unlitFraction,
    EngineEfficiency engine,
    GwpSet gwpSet,
    double pressureBasePsia) {

  /** GWP set used when the configuration names none. */
  public static final GwpSet DEFAULT_GWP_SET = GwpSet.AR6_GWP100_FOSSIL;

  /** Pressure base used when the configuration names none: the methodology's 14.7 psia. */
  public static final double DEFAULT_PRESSURE_BASE_PSIA = 14.7;

  public SiteEmissionsParameters {
    Checks.nonNull("gasComposition", gasComposition);
    Checks.nonBlank("compositionSource", compositionSource, "name the gas analysis");
    Checks.nonNull("flare", flareEfficiency);
    Checks.fraction("flare.unlitFraction", unlitFraction);
    Checks.nonNull("engine", engine);
    Checks.nonNull("gwp", gwpSet);
    StandardConditions.checkPressureBase("pressureBasePsia", pressureBasePsia);
  }

  /**
   * Parameters from the {@code emissions:} section given as nested maps (as a YAML parser returns
   * them). Errors name the key path under {@code emissions}.
   *
   * @throws InvalidEmissionsParametersException naming the bad key
   */
  public static SiteEmissionsParameters fromMap(Map<String, ?> section) {
    return EmissionsSectionReader.readMap(section, "emissions");
  }

  /**
   * Parameters from the {@code emissions:} section as a Jackson tree. Errors name the key path
   * under {@code emissions}.
   *
   * @throws InvalidEmissionsParametersException naming the bad key
   */
  public static SiteEmissionsParameters fromJson(JsonNode section) {
    return fromJson(section, "emissions");
  }

  /**
   * Parameters from a Jackson tree whose keys are those of the {@code emissions:} section. Errors
   * name the key path under {@code rootPath} (empty for none).
   *
   * @throws InvalidEmissionsParametersException naming the bad key
   */
  public static SiteEmissionsParameters fromJson(JsonNode section, String rootPath) {
    return new EmissionsSectionReader(rootPath).read(section);
  }

  /** Unlit fraction Z_U as an exact decimal. */
  public BigDecimal exactUnlitFraction() {
    return BigDecimal.valueOf(unlitFraction);
  }

  /** Meter pressure base as an exact decimal. */
  public BigDecimal exactPressureBasePsia() {
    return BigDecimal.valueOf(pressureBasePsia);
  }

  /**
   * Every parameter an auditor needs to recompute a result, under stable snake_case names, values
   * as plain decimal text.
   */
  public SortedMap<String, String> describe() {
    SortedMap<String, String> map = new TreeMap<>();
    map.put("methodology", Methodology.ID);
    map.put("gwp_set", gwpSet.name());
    map.put("gwp_ch4", gwpSet.methane().toPlainString());
    map.put("gwp_n2o", gwpSet.nitrousOxide().toPlainString());
    map.put("gwp_source", gwpSet.source());
    map.put("flare_form", flareEfficiency.form());
    map.put("flare_destruction_efficiency", plain(flareEfficiency.destruction()));
    map.put("flare_combustion_efficiency", plain(flareEfficiency.combustion()));
    map.put("flare_unlit_fraction", Checks.plain(unlitFraction));
    map.put("flare_source", flareEfficiency.source());
    map.put("engine_type", engine.type().name());
    map.put("engine_efficiency", plain(engine.efficiency()));
    map.put("engine_efficiency_basis", engine.basis());
    map.put("engine_efficiency_source", engine.source());
    map.put("composition_source", compositionSource);
    for (GasComponent component : GasComponent.values()) {
      map.put(
          "composition_" + component.name().toLowerCase(java.util.Locale.ROOT),
          Checks.plain(gasComposition.fraction(component)));
    }
    map.put("pressure_base_psia", Checks.plain(pressureBasePsia));
    map.put("standard_conditions", "60 °F, 14.7 psia");
    return map;
  }

  private static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.signum() == 0 ? "0" : stripped.toPlainString();
  }
}
