package io.flarewatch.demo.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A benchmark's options, each a whole number with a default, a range and a description: read
 * strictly (an unknown option, a missing or bad value is an error naming the option), and printed
 * by {@code --help} with the synopsis and what the benchmark does.
 */
final class BenchOptions {

  /** One option: {@code --name N}, {@code defaultValue} when not given, from min to max. */
  record Option(String name, int defaultValue, int min, int max, String description) {}

  /** The values read, by option name. */
  record Values(Map<String, Integer> byName) {
    int get(String name) {
      Integer value = byName.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no option " + name);
      }
      return value;
    }
  }

  private static final String JVM_NOTE =
      "JAVA_OPTS adds options to the benchmark's JVM, after the launcher's own, so they win:\n"
          + "  JAVA_OPTS=-Xmx8g ./flarewatch bench ...";

  private final String command;
  private final String about;
  private final List<Option> options;

  /**
   * @param command the subcommand, e.g. {@code fleet}
   * @param about what the benchmark does and prints, for {@code --help}
   */
  BenchOptions(String command, String about, Option... options) {
    this.command = command;
    this.about = about;
    this.options = List.of(options);
  }

  /** {@code [--name default] ...}, every option with its default. */
  String synopsis() {
    return options.stream()
        .map(o -> "[" + o.name() + " " + o.defaultValue() + "]")
        .collect(Collectors.joining(" "));
  }

  /** The usage line, what the benchmark does, and each option with its default and range. */
  String help() {
    int width = options.stream().mapToInt(o -> o.name().length()).max().orElse(0) + 4;
    StringBuilder help = new StringBuilder();
    help.append("usage: flarewatch bench ").append(command).append(' ').append(synopsis());
    help.append("\n\n").append(about).append("\n\noptions (whole numbers):\n");
    for (Option option : options) {
      help.append(
          String.format(
              Locale.ROOT,
              "  %-" + width + "s%s (default %d; %d to %d)%n",
              option.name() + " N",
              option.description(),
              option.defaultValue(),
              option.min(),
              option.max()));
    }
    return help.append('\n').append(JVM_NOTE).append('\n').toString();
  }

  /** Whether {@code args} ask for help ({@code --help} or {@code -h}) anywhere. */
  static boolean asksForHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /** Reads {@code args}; throws {@link IllegalArgumentException} naming the option at fault. */
  Values parse(String[] args) {
    Map<String, Integer> values = new LinkedHashMap<>();
    options.forEach(option -> values.put(option.name(), option.defaultValue()));
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      Option option = options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
      if (option == null) {
        throw new IllegalArgumentException(
            "unknown option '"
                + name
                + "'; bench "
                + command
                + " takes "
                + options.stream().map(Option::name).collect(Collectors.joining(", ")));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      int value;
      try {
        value = Integer.parseInt(args[i + 1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            name + " must be a whole number, got '" + args[i + 1] + "'");
      }
      if (value < option.min() || value > option.max()) {
        throw new IllegalArgumentException(
            name + " must be from " + option.min() + " to " + option.max() + ", got " + value);
      }
      values.put(name, value);
    }
    return new Values(values);
  }

  /**
   * For a benchmark's entry point: the values, or null when there is nothing to run, after the help
   * was printed on {@code out} ({@link #exitCode} 0) or the fault on {@code err} (2).
   */
  Values read(String[] args, PrintStream out, PrintStream err) {
    if (asksForHelp(args)) {
      out.print(help());
      return null;
    }
    try {
      return parse(args);
    } catch (IllegalArgumentException e) {
      err.println("flarewatch bench " + command + ": " + e.getMessage());
      err.println("usage: flarewatch bench " + command + " " + synopsis());
      return null;
    }
  }

  /** The exit code after {@link #read} answered null for {@code args}. */
  static int exitCode(String[] args) {
    return asksForHelp(args) ? 0 : 2;
  }

  /**
   * For a {@code main(String[])}: the values, or null after the help was printed; a bad argument
   * prints its fault and exits with code 2.
   */
  Values readOrExit(String[] args) {
    Values values = read(args, System.out, System.err);
    if (values == null && exitCode(args) != 0) {
      System.exit(exitCode(args));
    }
    return values;
  }
}
