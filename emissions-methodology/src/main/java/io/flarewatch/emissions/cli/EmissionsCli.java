package io.flarewatch.emissions.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.emissions.EmissionsFigure;
import io.flarewatch.emissions.EmissionsResult;
import io.flarewatch.emissions.InvalidEmissionsParametersException;
import io.flarewatch.emissions.SiteEmissionsParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command line: computes one scenario and prints every intermediate figure with its unit and every
 * parameter, for checking by hand. Exit code 0 on success, 2 on a bad argument or scenario file.
 */
public final class EmissionsCli {

  /** Exit code for a bad argument or scenario. */
  public static final int EXIT_USAGE = 2;

  static final String DEFAULT_SOURCE = "command-line input";

  private static final List<String> VALUE_OPTIONS =
      List.of(
          "--volume-scf",
          "--composition",
          "--composition-source",
          "--flare-efficiency",
          "--flare-tier",
          "--flare-combustion-efficiency",
          "--flare-source",
          "--unlit-fraction",
          "--engine",
          "--engine-efficiency",
          "--engine-source",
          "--gwp",
          "--pressure-base-psia",
          "--scenario");
  private static final List<String> FLAG_OPTIONS = List.of("--json", "--help");

  /** Configuration key paths and the options that set them, most specific first. */
  private static final Map<String, String> OPTION_FOR_PATH = optionForPath();

  private static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: emissions-cli --volume-scf V --composition CH4=x,C2H6=x,C3H8=x,C4H10=x,C5+=x,CO2=x,N2=x",
          "                     (--flare-efficiency η | --flare-tier 1|2|3"
              + " | --flare-combustion-efficiency η_C)",
          "                     --engine TYPE [options] [--json]",
          "       emissions-cli --scenario FILE.json [--json]",
          "       emissions-cli --help",
          "",
          "Computes CO2e avoided by burning gas in an engine instead of a flare"
              + " (EPA 40 CFR 98.233 n/z).",
          "",
          "Options:",
          "  --volume-scf V                     gas volume as metered (cf at 60 °F and the"
              + " pressure base)",
          "  --composition K=x,...              mole fractions; keys CH4, C2H6, C3H8, C4H10, C5+,"
              + " CO2, N2",
          "  --composition-source TEXT          where the composition comes from (default: "
              + DEFAULT_SOURCE
              + ")",
          "  --flare-efficiency η               single form, η_D = η_C = η, in (0, 1]",
          "  --flare-tier N                     default tier 1 (0.98/0.965), 2 (0.95/0.935),"
              + " 3 (0.92/0.905)",
          "  --flare-combustion-efficiency η_C  measured η_C; η_D = η_C + 0.015",
          "  --flare-source TEXT                source of the flare efficiency (default: "
              + DEFAULT_SOURCE
              + ")",
          "  --unlit-fraction Z                 flare unlit fraction Z_U in [0, 1] (default 0)",
          "  --engine TYPE                      TWO_STROKE_LEAN_BURN, FOUR_STROKE_LEAN_BURN,"
              + " FOUR_STROKE_RICH_BURN,",
          "                                     GAS_TURBINE, OTHER_INTERNAL_COMBUSTION",
          "  --engine-efficiency η              measured engine efficiency replacing the default",
          "  --engine-source TEXT               source of the measured engine efficiency",
          "  --gwp SET                          AR6_GWP100_FOSSIL (default), AR6_GWP100_NON_FOSSIL,"
              + " AR6_GWP20_FOSSIL,",
          "                                     AR5_GWP100, AR4_GWP100",
          "  --pressure-base-psia P             meter pressure base (default 14.7)",
          "  --scenario FILE                    JSON file with the keys of the emissions"
              + " configuration section",
          "                                     plus volumeScf (not combined with the options"
              + " above)",
          "  --json                             print the result as JSON",
          "  --help                             print this help",
          "",
          "Exit codes: 0 computed, 2 bad argument or scenario.");

  private final ObjectMapper mapper =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public static void main(String[] args) {
    System.exit(new EmissionsCli().run(args, System.out, System.err));
  }

  /**
   * Runs the command with {@code args}, printing the result to {@code out} and errors to {@code
   * err}.
   *
   * @return the exit code: 0 computed, 2 bad argument or scenario
   */
  public int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Map<String, String> options = parseOptions(args);
      if (options.containsKey("--help")) {
        out.println(USAGE);
        return 0;
      }
      Scenario scenario =
          options.containsKey("--scenario") ? fromScenarioFile(options) : fromOptions(options);
      EmissionsResult result = scenario.compute();
      if (options.containsKey("--json")) {
        printJson(result, out);
      } else {
        printText(result, out);
      }
      out.flush();
      return 0;
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println("run with --help for usage");
      err.flush();
      return EXIT_USAGE;
    }
  }

  private static Map<String, String> parseOptions(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (FLAG_OPTIONS.contains(name)) {
        if (value != null) {
          throw new UsageException(name + " takes no value");
        }
        value = "";
      } else if (VALUE_OPTIONS.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new UsageException(name + " needs a value");
          }
          value = args[++i];
        }
      } else {
        throw new UsageException("unknown argument " + quote(arg));
      }
      if (options.put(name, value) != null) {
        throw new UsageException(name + " is given more than once");
      }
    }
    return options;
  }

  private Scenario fromOptions(Map<String, String> options) {
    String volumeText = options.get("--volume-scf");
    if (volumeText == null) {
      throw new UsageException("--volume-scf is required");
    }
    double volume = number("--volume-scf", volumeText);
    ObjectNode section = mapper.createObjectNode();
    String composition = options.get("--composition");
    if (composition != null) {
      section.set("gasComposition", composition(composition));
    }
    section.put("compositionSource", options.getOrDefault("--composition-source", DEFAULT_SOURCE));
    ObjectNode flare = section.putObject("flare");
    putNumber(flare, "efficiency", options, "--flare-efficiency");
    putNumber(flare, "combustionEfficiency", options, "--flare-combustion-efficiency");
    putNumber(flare, "tier", options, "--flare-tier");
    boolean tierOnly = options.containsKey("--flare-tier") && flare.size() == 1;
    if (options.containsKey("--flare-source")) {
      flare.put("source", options.get("--flare-source"));
    } else if (!tierOnly) {
      flare.put("source", DEFAULT_SOURCE);
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
        engine.put("source", DEFAULT_SOURCE);
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

  private Scenario fromScenarioFile(Map<String, String> options) {
    String file = options.get("--scenario");
    for (String option : options.keySet()) {
      if (!option.equals("--scenario") && !option.equals("--json")) {
        throw new UsageException(
            "--scenario cannot be combined with "
                + option
                + " (put every parameter, and volumeScf, in the file)");
      }
    }
    String where = "--scenario " + file;
    JsonNode tree;
    try {
      tree = mapper.readTree(Path.of(file).toFile());
    } catch (JsonProcessingException e) {
      throw new UsageException(where + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      throw new UsageException(where + ": cannot be read: " + e);
    }
    if (tree == null || !tree.isObject()) {
      throw new UsageException(where + ": must hold a JSON object");
    }
    ObjectNode section = ((ObjectNode) tree).deepCopy();
    JsonNode volumeNode = section.remove("volumeScf");
    if (volumeNode == null || volumeNode.isNull()) {
      throw new UsageException(where + ": volumeScf: is required (a number)");
    }
    if (!volumeNode.isNumber()) {
      throw new UsageException(where + ": volumeScf: must be a number, got " + volumeNode);
    }
    try {
      SiteEmissionsParameters parameters = SiteEmissionsParameters.fromJson(section, "");
      return new Scenario(volumeNode.doubleValue(), parameters, where + ": volumeScf");
    } catch (InvalidEmissionsParametersException e) {
      throw new UsageException(where + ": " + e.getMessage());
    }
  }

  private ObjectNode composition(String text) {
    ObjectNode node = mapper.createObjectNode();
    for (String pair : text.split(",", -1)) {
      String[] parts = pair.split("=", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new UsageException(
            "--composition: " + quote(pair) + " is not COMPONENT=FRACTION (e.g. CH4=0.75)");
      }
      String key = parts[0].trim();
      if (node.has(key)) {
        throw new UsageException("--composition: " + key + " is given more than once");
      }
      node.put(key, number("--composition " + key, parts[1].trim()));
    }
    return node;
  }

  private static void putNumber(
      ObjectNode node, String key, Map<String, String> options, String option) {
    String text = options.get(option);
    if (text != null) {
      node.put(key, number(option, text));
    }
  }

  private static double number(String option, String text) {
    try {
      return new BigDecimal(text.trim()).doubleValue();
    } catch (NumberFormatException e) {
      throw new UsageException(option + ": " + quote(text) + " is not a number");
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

  private static void printText(EmissionsResult result, PrintStream out) {
    out.println("Flarewatch emissions: baseline (gas to flare) vs project (gas to engine)");
    out.println("methodology: " + result.methodologyId());
    out.println();
    out.println("Parameters");
    result
        .parameters()
        .forEach((key, value) -> out.printf(Locale.ROOT, "  %-30s %s%n", key, value));
    out.println();
    out.println("Figures (scf at 60 °F / 14.7 psia; t = metric tonnes)");
    for (EmissionsFigure figure : EmissionsFigure.values()) {
      out.printf(
          Locale.ROOT,
          "  %-27s %22s  %s%n",
          figure.key(),
          plain(figure.valueIn(result)),
          figure.description());
    }
    out.println();
    double avoided = result.avoidedTco2e();
    String share =
        result.avoidedShareOfBaseline().isPresent()
            ? String.format(
                Locale.ROOT,
                " (%.2f %% of the baseline)",
                100 * result.avoidedShareOfBaseline().getAsDouble())
            : "";
    if (avoided < 0) {
      out.printf(
          Locale.ROOT,
          "Avoided: %s tCO2e%s: NEGATIVE, the project emits more than the baseline%n",
          plain(avoided),
          share);
    } else {
      out.printf(Locale.ROOT, "Avoided: %s tCO2e%s%n", plain(avoided), share);
    }
  }

  private void printJson(EmissionsResult result, PrintStream out) {
    ObjectNode root = mapper.createObjectNode();
    root.put("methodology", result.methodologyId());
    ObjectNode parameters = root.putObject("parameters");
    result.parameters().forEach(parameters::put);
    ObjectNode figures = root.putObject("figures");
    result.figures().forEach(figures::put);
    if (result.avoidedShareOfBaseline().isPresent()) {
      root.put("avoided_share_of_baseline", result.avoidedShareOfBaseline().getAsDouble());
    } else {
      root.putNull("avoided_share_of_baseline");
    }
    try {
      out.println(mapper.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write result as JSON", e);
    }
  }

  private static String plain(double value) {
    BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
    return decimal.signum() == 0 ? "0" : decimal.toPlainString();
  }

  private static String quote(String text) {
    return '"' + text + '"';
  }

  /** A volume and the parameters to compute it with. */
  private record Scenario(double volume, SiteEmissionsParameters parameters, String volumeName) {
    EmissionsResult compute() {
      try {
        return EmissionsCalculator.compute(volume, parameters);
      } catch (InvalidEmissionsParametersException e) {
        throw new UsageException(volumeName + ": " + e.problem());
      }
    }
  }

  /** A bad argument or scenario; the message names it. */
  private static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
