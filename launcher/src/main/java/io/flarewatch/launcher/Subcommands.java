package io.flarewatch.launcher;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every command of the {@code flarewatch} entry point, with its synopsis, its help and the class
 * that runs it, named and loaded only when chosen: an installation holds the jars of some commands
 * (the edge's Debian package: the edge's only), lists those and no others, and answers any other
 * with what it lacks. The launcher script only picks JVM options; each command's {@code --help} is
 * the same from a source checkout and an install.
 */
public final class Subcommands {

  /** Every command of the full distribution, in the order {@code flarewatch --help} lists them. */
  public static final List<Subcommand> ALL =
      List.of(
          Subcommand.of(
              "central",
              "central-api",
              "io.flarewatch.central.CentralMain",
              "central --config central.yaml",
              "Runs central, the fleet's HTTP API, from a YAML config file (see"
                  + " config/central.example.yaml) until stopped (SIGTERM or Ctrl-C).\n"
                  + "Exit code 2 lists every bad setting with its key, 1 when it cannot start."),
          Subcommand.of(
              "edge",
              "edge-collector",
              "io.flarewatch.edge.EdgeMain",
              "edge --config edge.yaml",
              "Runs one site's edge collector from a YAML config file (see"
                  + " config/edge.example.yaml) until stopped: polls the site's devices, buffers"
                  + " every sample on disk and streams it to central.\n"
                  + "Exit code 2 lists every bad setting with its key, 1 when it cannot start."),
          Subcommand.of(
              "simulator",
              "site-simulator",
              "io.flarewatch.simulator.SimulatorMain",
              "simulator [--miners N] [--seed S] [--addressing LOOPBACK_RANGE|PORT_RANGE]"
                  + " [--base-host ADDR] [--base-port PORT] [--modbus-port PORT] [--tick-ms MS]"
                  + " [--config FILE.json]",
              "Runs a simulated site (miners on the CGMiner-style API, a generator and two gas"
                  + " meters on Modbus TCP) until stopped. Prints one line per endpoint, then"
                  + " 'ready'.\n"
                  + "  --miners N            number of miners (default 3)\n"
                  + "  --seed S              random seed (default 1)\n"
                  + "  --addressing MODE     LOOPBACK_RANGE (miner i on 127.0.1.i) or PORT_RANGE"
                  + " (one host, consecutive ports)\n"
                  + "  --base-host ADDR      first miner address, or the host for PORT_RANGE\n"
                  + "  --base-port PORT      miner port, or the first port for PORT_RANGE\n"
                  + "  --modbus-port PORT    generator; the fuel meter gets PORT+1, the flare"
                  + " meter PORT+2\n"
                  + "  --tick-ms MS          tick length (default 1000)\n"
                  + "  --config FILE.json    a full simulator config; the flags override it"),
          Subcommand.of(
              "demo",
              "demo",
              "io.flarewatch.demo.DemoCommand",
              "demo",
              "Runs a whole local system until Ctrl-C: InfluxDB (INFLUX_URL uses a running"
                  + " one, with INFLUX_USERNAME and INFLUX_PASSWORD), central on port 8080"
                  + " (FLAREWATCH_PORT moves it), a simulated site of 300 miners and its edge."
                  + " State is kept in .flarewatch/ of the working directory."),
          Subcommand.of(
              "verify-report",
              "central-api",
              "io.flarewatch.central.reports.signing.VerifyReport",
              "verify-report --report FILE --signature FILE|BASE64 --public-key PEM_FILE",
              "Checks that a report file is, byte for byte, what central signed (the"
                  + " X-Report-Signature header and GET /api/v1/reports/public-key).\n"
                  + "Exit code 0 valid, 1 not valid, 2 bad argument."),
          Subcommand.of(
                  "emissions",
                  "emissions-methodology",
                  "io.flarewatch.emissions.cli.EmissionsCli",
                  "emissions --volume-scf V --composition ... --engine TYPE [options] |"
                      + " --scenario FILE.json",
                  "Computes the CO2e avoided for one scenario and prints every intermediate"
                      + " figure and parameter. 'flarewatch emissions --help' lists every option.")
              .withOwnHelp(),
          Subcommand.of(
              "password-hash",
              "config-yaml",
              "io.flarewatch.config.PasswordHashCli",
              "password-hash [--iterations N]",
              "Prints the passwordHash of a user in central's config, or of an account of the"
                  + " edge's site-local app (localApp.accounts in edge.yaml), for the password"
                  + " given as the first line of standard input (or typed at the terminal, not"
                  + " echoed):\n"
                  + "  printf '%s\\n' \"$PASSWORD\" | flarewatch password-hash"),
          Subcommand.of(
              "bench",
              "demo",
              "io.flarewatch.demo.BenchCommand",
              "bench polling|catch-up|ingest|commands|fleet|load-following [options]",
              null),
          Subcommand.of(
              "test",
              "launcher",
              TestCommand.class.getName(),
              "test",
              "Runs every test, unit and integration, against a real InfluxDB (./mvnw -B"
                  + " verify). Tests run from a source checkout: ./flarewatch test."));

  private final List<Subcommand> commands;
  private final String packageName;
  private final ClassLoader loader;

  /**
   * @param commands the commands of the full distribution
   * @param packageName the package this installation is (e.g. {@code flarewatch-edge}); empty for
   *     the full distribution or a source checkout
   * @param loader where the commands' main classes are looked for
   */
  Subcommands(List<Subcommand> commands, String packageName, ClassLoader loader) {
    this.commands = List.copyOf(commands);
    this.packageName = packageName;
    this.loader = loader;
  }

  /** Every command, looked for in {@code loader}; {@code packageName} as for the constructor. */
  public static Subcommands installed(String packageName, ClassLoader loader) {
    return new Subcommands(ALL, packageName, loader);
  }

  /** The names of every command of the full distribution, e.g. for checking a deploy file. */
  public static List<String> names() {
    return ALL.stream().map(Subcommand::name).toList();
  }

  /** The commands whose main classes this installation has. */
  public List<Subcommand> present() {
    return commands.stream().filter(command -> command.isInstalled(loader)).toList();
  }

  private Optional<Subcommand> named(String name) {
    return commands.stream().filter(command -> command.name().equals(name)).findFirst();
  }

  /**
   * Runs {@code args[0]} with the rest of {@code args}; {@code --help} (or {@code -h}) right after
   * a command's name prints that command's help. Returns the exit code: 2 for no, an unknown or an
   * absent command; a command that ran returns its own, or exits by itself.
   */
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0 || isHelp(args[0]) || args[0].equals("help")) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    Optional<Subcommand> named = named(args[0]);
    if (named.isEmpty()) {
      err.println("flarewatch: unknown command '" + args[0] + "'");
      usage(err);
      return 2;
    }
    Subcommand command = named.get();
    if (!command.isInstalled(loader)) {
      err.println(notInstalled(command));
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (rest.length == 1 && isHelp(rest[0]) && !command.ownHelp()) {
      out.println("usage: flarewatch " + command.synopsis());
      out.println();
      out.println(command.helpText(loader));
      return 0;
    }
    try {
      return command.run(rest, out, err, loader);
    } catch (NoClassDefFoundError e) {
      err.println(partlyInstalled(command, e));
      return 1;
    }
  }

  /** Lists the commands this installation has, and, when it lacks some, says which. */
  void usage(PrintStream out) {
    out.println("usage: flarewatch <command> [options]   (flarewatch <command> --help)");
    out.println();
    List<Subcommand> present = present();
    for (Subcommand command : present) {
      out.println("  flarewatch " + command.synopsis());
    }
    List<String> absent =
        commands.stream().filter(c -> !present.contains(c)).map(Subcommand::name).toList();
    if (!absent.isEmpty()) {
      out.println();
      out.println(
          "This "
              + installation()
              + " has these commands only; the full distribution ("
              + tarball()
              + ") also has: "
              + String.join(", ", absent)
              + ".");
    }
  }

  private String notInstalled(Subcommand command) {
    return "flarewatch "
        + command.name()
        + " is not part of this "
        + installation()
        + ": its module "
        + command.module()
        + " is not installed; install the full distribution ("
        + tarball()
        + ") to run it.";
  }

  private String partlyInstalled(Subcommand command, NoClassDefFoundError e) {
    return "flarewatch "
        + command.name()
        + " cannot run in this "
        + installation()
        + ": a class it needs ("
        + e.getMessage()
        + ") is not installed; install the full distribution ("
        + tarball()
        + ") to run it.";
  }

  private String installation() {
    return packageName.isBlank() ? "installation" : "package (" + packageName + ")";
  }

  private static String tarball() {
    String version = Subcommands.class.getPackage().getImplementationVersion();
    return "flarewatch-" + (version == null ? "<version>" : version) + ".tar.gz";
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }
}
