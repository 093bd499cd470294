package io.flarewatch.emissions;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
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
 * @param compositionAnalysisDate date of the lab analysis the composition comes from; may be null
 * @param uncertainty standard uncertainties of the measured inputs; null when none are configured
 */
public record SiteEmissionsParameters(
    GasComposition gasComposition,
    String compositionSource,
    FlareEfficiency flareEfficiency,
    double unlitFraction,
    EngineEfficiency engine,
    GwpSet gwpSet,
    double pressureBasePsia,
    LocalDate compositionAnalysisDate,
    MeasurementUncertainty uncertainty) {

  /** Hex digits of SHA-256 kept in a parameter set id. */
  public static final int ID_HEX_DIGITS = 12;

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

  /** Parameters without an analysis date and without uncertainties. */
  public SiteEmissionsParameters(
      GasComposition gasComposition,
      String compositionSource,
      FlareEfficiency flareEfficiency,
      double unlitFraction,
      EngineEfficiency engine,
      GwpSet gwpSet,
      double pressureBasePsia) {
    this(
        gasComposition,
        compositionSource,
        flareEfficiency,
        unlitFraction,
        engine,
        gwpSet,
        pressureBasePsia,
        null,
        null);
  }

  /** The same parameters with another baseline flare efficiency (e.g. the regulatory default). */
  public SiteEmissionsParameters withFlareEfficiency(FlareEfficiency flare) {
    return new SiteEmissionsParameters(
        gasComposition,
        compositionSource,
        flare,
        unlitFraction,
        engine,
        gwpSet,
        pressureBasePsia,
        compositionAnalysisDate,
        uncertainty);
  }

  /**
   * Parameters rebuilt from their {@link #describe()} map, as stored with every emissions point.
   * The map must describe exactly one set of this methodology: rebuilding and describing again
   * gives the same map, or this throws naming the first key that differs.
   *
   * @throws InvalidEmissionsParametersException naming the key that is missing, bad or unknown
   */
  public static SiteEmissionsParameters fromDescription(Map<String, String> description) {
    return ParameterDescriptionReader.read(description);
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
    if (compositionAnalysisDate != null) {
      map.put("composition_analysis_date", compositionAnalysisDate.toString());
    }
    if (uncertainty != null) {
      map.putAll(uncertainty.describe());
    }
    return map;
  }

  /** The stable id of this parameter set: {@link #idOf} of {@link #describe()}. */
  public String id() {
    return idOf(describe());
  }

  /**
   * The stable id of a parameter set, derived from its content alone: the parameters as {@code
   * key=value} lines sorted by key, each ending in a line feed, encoded in UTF-8, hashed with
   * SHA-256; the id is the first {@value #ID_HEX_DIGITS} lower-case hex digits. The same parameters
   * give the same id in every report and on every stored point, e.g. {@code printf
   * 'composition_c2h6=0.12\n...' | sha256sum | cut -c1-12}.
   */
  public static String idOf(SortedMap<String, String> parameters) {
    StringBuilder canonical = new StringBuilder();
    parameters.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, ID_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.signum() == 0 ? "0" : stripped.toPlainString();
  }
}
