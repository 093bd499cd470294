package io.flarewatch.emissions.cli;

import io.flarewatch.emissions.EmissionsResult;
import java.io.PrintStream;
import java.util.Map;

/**
 * Command line: computes one scenario and prints every intermediate figure with its unit and every
 * parameter, for checking by hand. Exit code 0 on success, 2 on a bad argument or scenario file.
 * The options are read by {@link CliOptions}, turned into a {@link Scenario} by {@link
 * OptionScenario} or {@link ScenarioFile}, and the result printed by {@link ResultPrinter}.
 */
public final class EmissionsCli {

  /** Exit code for a bad argument or scenario. */
  public static final int EXIT_USAGE = 2;

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
      Map<String, String> options = CliOptions.parse(args);
      if (options.containsKey("--help")) {
        out.println(CliOptions.USAGE);
        return 0;
      }
      Scenario scenario =
          options.containsKey("--scenario")
              ? ScenarioFile.read(options)
              : OptionScenario.read(options);
      EmissionsResult result = scenario.compute();
      if (options.containsKey("--json")) {
        ResultPrinter.json(result, out);
      } else {
        ResultPrinter.text(result, out);
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
}
