package io.flarewatch.emissions.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.emissions.InvalidEmissionsParametersException;
import io.flarewatch.emissions.SiteEmissionsParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scenario given as options: they are turned into the keys of the emissions configuration
 * section, so the command checks them exactly as a site's config is checked, and errors name the
 * option.
 */
final class OptionScenario {

  /** Configuration key paths and the options that set them, most specific first. */
  private static final Map<String, String> OPTION_FOR_PATH = optionForPath();

  private OptionScenario() {}

  static Scenario read(Map<String, String> options) {
    String volumeText = options.get("--volume-scf");
    if (volumeText == null) {
      throw new UsageException("--volume-scf is required");
    }
    double volume = CliOptions.number("--volume-scf", volumeText);
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    String composition = options.get("--composition");
    if (composition != null) {
      section.set("gasComposition", Composition.parse(composition));
    }
    section.put(
        "compositionSource",
        options.getOrDefault("--composition-source", CliOptions.DEFAULT_SOURCE));
    ObjectNode flare = section.putObject("flare");
    putNumber(flare, "efficiency", options, "--flare-efficiency");
    putNumber(flare, "combustionEfficiency", options, "--flare-combustion-efficiency");
    putNumber(flare, "tier", options, "--flare-tier");
    boolean tierOnly = options.containsKey("--flare-tier") && flare.size() == 1;
    if (options.containsKey("--flare-source")) {
      flare.put("source", options.get("--flare-source"));
    } else if (!tierOnly) {
      flare.put("source", CliOptions.DEFAULT_SOURCE);
    }
    putNumber(flare, "unlitFraction", options, "--unlit-fraction");
    if (options.containsKey("--engine")
        || options.containsKey("--engine-efficiency")
        || options.containsKey("--engine-source")) {
      ObjectNode engine = section.putObject("engine");
      if (options.containsKey("--engine")) {
        engine.put("type", options.get("--engine"));
      }
      putNumber(engine, "measuredEfficiency", options, "--engine-efficiency");
      if (options.containsKey("--engine-source")) {
        engine.put("source", options.get("--engine-source"));
      } else if (options.containsKey("--engine-efficiency")) {
        engine.put("source", CliOptions.DEFAULT_SOURCE);
      }
    }
    if (options.containsKey("--gwp")) {
      section.put("gwp", options.get("--gwp"));
    }
    putNumber(section, "pressureBasePsia", options, "--pressure-base-psia");
    SiteEmissionsParameters parameters;
    try {
      parameters = SiteEmissionsParameters.fromJson(section, "");
    } catch (InvalidEmissionsParametersException e) {
      throw new UsageException(optionFor(e.path()) + ": " + e.problem());
    }
    return new Scenario(volume, parameters, "--volume-scf");
  }

  private static void putNumber(
      ObjectNode node, String key, Map<String, String> options, String option) {
    String text = options.get(option);
    if (text != null) {
      node.put(key, CliOptions.number(option, text));
    }
  }

  private static String optionFor(String path) {
    for (Map.Entry<String, String> entry : OPTION_FOR_PATH.entrySet()) {
      String prefix = entry.getKey();
      if (path.equals(prefix)) {
        return entry.getValue();
      }
      if (path.startsWith(prefix + ".")) {
        return entry.getValue() + " " + path.substring(prefix.length() + 1);
      }
    }
    return path;
  }

  private static Map<String, String> optionForPath() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("gasComposition", "--composition");
    map.put("compositionSource", "--composition-source");
    map.put("flare.efficiency", "--flare-efficiency");
    map.put("flare.tier", "--flare-tier");
    map.put("flare.combustionEfficiency", "--flare-combustion-efficiency");
    map.put("flare.source", "--flare-source");
    map.put("flare.unlitFraction", "--unlit-fraction");
    map.put("flare", "--flare-efficiency / --flare-tier / --flare-combustion-efficiency");
    map.put("engine.type", "--engine");
    map.put("engine.measuredEfficiency", "--engine-efficiency");
    map.put("engine.source", "--engine-source");
    map.put("engine", "--engine");
    map.put("gwp", "--gwp");
    map.put("pressureBasePsia", "--pressure-base-psia");
    return map;
  }
}
