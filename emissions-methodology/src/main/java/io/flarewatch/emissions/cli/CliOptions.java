package io.flarewatch.emissions.cli;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command's options: which there are, the usage text, and reading them from the arguments. */
final class CliOptions {

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

  static final String USAGE =
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

  private CliOptions() {}

  /**
   * The options given, in order: {@code --name value}, {@code --name=value} or a flag (value {@code
   * ""}); each at most once.
   */
  static Map<String, String> parse(String[] args) {
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

  /** {@code text} as a number, exactly as written in decimal; the error names {@code option}. */
  static double number(String option, String text) {
    try {
      return new BigDecimal(text.trim()).doubleValue();
    } catch (NumberFormatException e) {
      throw new UsageException(option + ": " + quote(text) + " is not a number");
    }
  }

  static String quote(String text) {
    return '"' + text + '"';
  }
}
