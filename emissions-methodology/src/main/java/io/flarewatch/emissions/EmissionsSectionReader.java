package io.flarewatch.emissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads and validates the {@code emissions:} configuration section. Every error names the key path
 * (below the root path given) and what is wrong; unknown keys are rejected.
 */
final class EmissionsSectionReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static final List<String> SECTION_KEYS =
      List.of(
          "gasComposition",
          "compositionSource",
          "compositionAnalysisDate",
          "flare",
          "engine",
          "gwp",
          "pressureBasePsia",
          "uncertainty");
  static final List<String> FLARE_KEYS =
      List.of("efficiency", "tier", "combustionEfficiency", "source", "unlitFraction");
  static final List<String> FLARE_FORM_KEYS = List.of("efficiency", "tier", "combustionEfficiency");
  static final List<String> ENGINE_KEYS = List.of("type", "measuredEfficiency", "source");
  static final List<String> UNCERTAINTY_KEYS =
      List.of(
          "meterRelative",
          "compositionRelative",
          "flareEfficiency",
          "engineEfficiency",
          "unlitFraction");

  private final String rootPath;

  EmissionsSectionReader(String rootPath) {
    this.rootPath = rootPath == null ? "" : rootPath;
  }

  static SiteEmissionsParameters readMap(Map<String, ?> section, String rootPath) {
    if (section == null) {
      throw new InvalidEmissionsParametersException(rootPath, "is required");
    }
    JsonNode tree;
    try {
      tree = MAPPER.valueToTree(section);
    } catch (IllegalArgumentException e) {
      throw new InvalidEmissionsParametersException(
          rootPath, "cannot be read as configuration: " + e.getMessage());
    }
    return new EmissionsSectionReader(rootPath).read(tree);
  }

  SiteEmissionsParameters read(JsonNode section) {
    try {
      return readRelative(section);
    } catch (InvalidEmissionsParametersException e) {
      throw new InvalidEmissionsParametersException(join(rootPath, e.path()), e.problem());
    }
  }

  private SiteEmissionsParameters readRelative(JsonNode section) {
    requireObject(section, "");
    rejectUnknownKeys(section, "", SECTION_KEYS);
    GasComposition composition =
        readComposition(requiredObject(section, "gasComposition", ""), "gasComposition");
    String compositionSource = requiredText(section, "compositionSource", "");
    JsonNode flare = requiredObject(section, "flare", "");
    rejectUnknownKeys(flare, "flare", FLARE_KEYS);
    FlareEfficiency flareEfficiency = readFlareEfficiency(flare);
    double unlitFraction = optionalNumber(flare, "unlitFraction", "flare").orElse(0.0);
    EngineEfficiency engine = readEngine(requiredObject(section, "engine", ""));
    GwpSet gwp = SiteEmissionsParameters.DEFAULT_GWP_SET;
    String gwpName = optionalText(section, "gwp", "");
    if (gwpName != null) {
      gwp =
          GwpSet.byName(gwpName)
              .orElseThrow(
                  () ->
                      new InvalidEmissionsParametersException(
                          "gwp",
                          quote(gwpName) + " is not a GWP set; valid: " + GwpSet.validNames()));
    }
    double pressureBase =
        optionalNumber(section, "pressureBasePsia", "")
            .orElse(SiteEmissionsParameters.DEFAULT_PRESSURE_BASE_PSIA);
    LocalDate analysisDate = null;
    String date = optionalText(section, "compositionAnalysisDate", "");
    if (date != null) {
      try {
        analysisDate = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw new InvalidEmissionsParametersException(
            "compositionAnalysisDate", quote(date) + " is not a date like 2026-04-02");
      }
    }
    MeasurementUncertainty uncertainty =
        section.has("uncertainty")
            ? readUncertainty(requiredObject(section, "uncertainty", ""))
            : null;
    return new SiteEmissionsParameters(
        composition,
        compositionSource,
        flareEfficiency,
        unlitFraction,
        engine,
        gwp,
        pressureBase,
        analysisDate,
        uncertainty);
  }

  private static MeasurementUncertainty readUncertainty(JsonNode node) {
    rejectUnknownKeys(node, "uncertainty", UNCERTAINTY_KEYS);
    return new MeasurementUncertainty(
        number(node.get("meterRelative"), "uncertainty.meterRelative"),
        number(node.get("compositionRelative"), "uncertainty.compositionRelative"),
        number(node.get("flareEfficiency"), "uncertainty.flareEfficiency"),
        number(node.get("engineEfficiency"), "uncertainty.engineEfficiency"),
        optionalNumber(node, "unlitFraction", "uncertainty").orElse(0.0));
  }

  private static GasComposition readComposition(JsonNode node, String path) {
    EnumMap<GasComponent, Double> fractions = new EnumMap<>(GasComponent.class);
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      GasComponent component =
          GasComponent.byKey(field.getKey())
              .orElseThrow(
                  () ->
                      new InvalidEmissionsParametersException(
                          path,
                          "unknown component "
                              + quote(field.getKey())
                              + "; valid components: "
                              + GasComponent.validKeys()));
      fractions.put(component, number(field.getValue(), join(path, field.getKey())));
    }
    return new GasComposition(fractions);
  }

  private static FlareEfficiency readFlareEfficiency(JsonNode flare) {
    List<String> given = new ArrayList<>();
    for (String key : FLARE_FORM_KEYS) {
      if (flare.has(key)) {
        given.add(key);
      }
    }
    if (given.size() != 1) {
      throw new InvalidEmissionsParametersException(
          "flare",
          "give exactly one of efficiency (single η for destruction and combustion),"
              + " tier (default 1, 2 or 3) or combustionEfficiency (measured η_C)"
              + (given.isEmpty() ? "" : "; found " + String.join(", ", given)));
    }
    String source = optionalText(flare, "source", "flare");
    return switch (given.get(0)) {
      case "efficiency" ->
          new FlareEfficiency.SingleEfficiency(
              number(flare.get("efficiency"), "flare.efficiency"), source);
      case "combustionEfficiency" ->
          new FlareEfficiency.MeasuredCombustion(
              number(flare.get("combustionEfficiency"), "flare.combustionEfficiency"), source);
      default -> new FlareEfficiency.DefaultTier(tier(flare.get("tier")), source);
    };
  }

  private static int tier(JsonNode node) {
    double value = number(node, "flare.tier");
    if (value != Math.rint(value)) {
      throw new InvalidEmissionsParametersException(
          "flare.tier", Checks.plain(value) + " is not a whole number; valid: 1, 2 or 3");
    }
    FlareEfficiency.DefaultTier.checkTier("flare.tier", (long) value);
    return (int) value;
  }

  private static EngineEfficiency readEngine(JsonNode engine) {
    rejectUnknownKeys(engine, "engine", ENGINE_KEYS);
    String typeName = requiredText(engine, "type", "engine");
    EngineType type =
        EngineType.byName(typeName)
            .orElseThrow(
                () ->
                    new InvalidEmissionsParametersException(
                        "engine.type",
                        quote(typeName)
                            + " is not an engine type; valid: "
                            + EngineType.validNames()));
    OptionalDouble measured = optionalNumber(engine, "measuredEfficiency", "engine");
    String source = optionalText(engine, "source", "engine");
    return new EngineEfficiency(type, measured, source);
  }

  private static void requireObject(JsonNode node, String path) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new InvalidEmissionsParametersException(path, "is required");
    }
    if (!node.isObject()) {
      throw new InvalidEmissionsParametersException(
          path, "must be a map of keys to values, got " + describe(node));
    }
  }

  private static void rejectUnknownKeys(JsonNode node, String path, List<String> validKeys) {
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String name = property.getKey();
      if (!validKeys.contains(name)) {
        throw new InvalidEmissionsParametersException(
            path, "unknown key " + quote(name) + "; valid keys: " + String.join(", ", validKeys));
      }
    }
  }

  private static JsonNode requiredObject(JsonNode parent, String key, String parentPath) {
    JsonNode node = parent.get(key);
    requireObject(node, join(parentPath, key));
    return node;
  }

  private static String requiredText(JsonNode parent, String key, String parentPath) {
    String text = optionalText(parent, key, parentPath);
    if (text == null) {
      throw new InvalidEmissionsParametersException(join(parentPath, key), "is required");
    }
    return text;
  }

  /** The text at {@code key}, or null when the key is absent. */
  private static String optionalText(JsonNode parent, String key, String parentPath) {
    JsonNode node = parent.get(key);
    if (node == null) {
      return null;
    }
    String path = join(parentPath, key);
    if (!node.isTextual()) {
      throw new InvalidEmissionsParametersException(path, "must be a text, got " + describe(node));
    }
    if (node.textValue().isBlank()) {
      throw new InvalidEmissionsParametersException(path, "must not be empty");
    }
    return node.textValue();
  }

  private static OptionalDouble optionalNumber(JsonNode parent, String key, String parentPath) {
    JsonNode node = parent.get(key);
    return node == null
        ? OptionalDouble.empty()
        : OptionalDouble.of(number(node, join(parentPath, key)));
  }

  private static double number(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      throw new InvalidEmissionsParametersException(path, "is required (a number)");
    }
    if (!node.isNumber()) {
      throw new InvalidEmissionsParametersException(
          path, "must be a number, got " + describe(node));
    }
    return Checks.finite(path, node.doubleValue());
  }

  private static String describe(JsonNode node) {
    String text = node.toString();
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
  }

  private static String quote(String text) {
    return '"' + text + '"';
  }

  static String join(String parent, String key) {
    if (parent.isEmpty()) {
      return key;
    }
    return key.isEmpty() ? parent : parent + "." + key;
  }
}
