package io.flarewatch.demo;

import io.flarewatch.central.CentralMain;
import io.flarewatch.central.reports.signing.VerifyReport;
import io.flarewatch.config.PasswordHashCli;
import io.flarewatch.demo.bench.CatchUpBenchmark;
import io.flarewatch.demo.bench.CommandsBenchmark;
import io.flarewatch.demo.bench.FleetBenchmark;
import io.flarewatch.demo.bench.FleetOptions;
import io.flarewatch.demo.bench.IngestBenchmark;
import io.flarewatch.demo.bench.LoadFollowingBenchmark;
import io.flarewatch.demo.bench.PollingBenchmark;
import io.flarewatch.edge.EdgeMain;
import io.flarewatch.emissions.cli.EmissionsCli;
import io.flarewatch.simulator.SimulatorMain;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every command of the {@code flarewatch} entry point, with its one-line synopsis and its help. The
 * launcher script ({@code bin/flarewatch}) only picks JVM options; the commands themselves are
 * chosen here, so each one's {@code --help} is the same from a source checkout and an install.
 */
public final class Subcommands {

  /**
   * The main method of one command, given the arguments after the command's name; returns the exit
   * code (a long-running service returns only once it stops, or exits by itself).
   */
  @FunctionalInterface
  interface Main {
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;

    /** A plain {@code main(String[])}, which exits by itself when it fails. */
    static Main of(PlainMain main) {
      return (args, out, err) -> {
        main.main(args);
        return 0;
      };
    }
  }

  /** A {@code public static void main(String[])}. */
  @FunctionalInterface
  interface PlainMain {
    void main(String[] args) throws Exception;
  }

  /** A command: its name, synopsis, help text and main. */
  record Subcommand(String name, String synopsis, String help, Main main) {}

  static final List<Subcommand> ALL =
      List.of(
          new Subcommand(
              "central",
              "central --config central.yaml",
              "Runs central, the fleet's HTTP API, from a YAML config file (see"
                  + " config/central.example.yaml) until stopped (SIGTERM or Ctrl-C).\n"
                  + "Exit code 2 lists every bad setting with its key, 1 when it cannot start.",
              Main.of(CentralMain::main)),
          new Subcommand(
              "edge",
              "edge --config edge.yaml",
              "Runs one site's edge collector from a YAML config file (see"
                  + " config/edge.example.yaml) until stopped: polls the site's devices, buffers"
                  + " every sample on disk and streams it to central.\n"
                  + "Exit code 2 lists every bad setting with its key, 1 when it cannot start.",
              Main.of(EdgeMain::main)),
          new Subcommand(
              "simulator",
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
                  + "  --config FILE.json    a full simulator config; the flags override it",
              Main.of(SimulatorMain::main)),
          new Subcommand(
              "demo",
              "demo",
              "Runs a whole local system until Ctrl-C: InfluxDB (INFLUX_URL uses a running"
                  + " one, with INFLUX_USERNAME and INFLUX_PASSWORD), central on port 8080"
                  + " (FLAREWATCH_PORT moves it), a simulated site of 300 miners and its edge."
                  + " State is kept in .flarewatch/ of the working directory.",
              (args, out, err) -> {
                if (args.length != 0) {
                  err.println("flarewatch demo takes no arguments (see flarewatch demo --help)");
                  return 2;
                }
                FlarewatchCommand.main(new String[] {"demo"});
                return 0;
              }),
          new Subcommand(
              "verify-report",
              "verify-report --report FILE --signature FILE|BASE64 --public-key PEM_FILE",
              "Checks that a report file is, byte for byte, what central signed (the"
                  + " X-Report-Signature header and GET /api/v1/reports/public-key).\n"
                  + "Exit code 0 valid, 1 not valid, 2 bad argument.",
              VerifyReport::run),
          new Subcommand(
              "emissions",
              "emissions --volume-scf V --composition ... --engine TYPE [options] | --scenario"
                  + " FILE.json",
              "Computes the CO2e avoided for one scenario and prints every intermediate figure"
                  + " and parameter. 'flarewatch emissions --help' lists every option.",
              (args, out, err) -> new EmissionsCli().run(args, out, err)),
          new Subcommand(
              "password-hash",
              "password-hash [--iterations N]",
              "Prints the passwordHash of a user in central's config for the password given as"
                  + " the first line of standard input (or typed at the terminal, not echoed):\n"
                  + "  printf '%s\\n' \"$PASSWORD\" | flarewatch password-hash",
              Main.of(PasswordHashCli::main)),
          new Subcommand(
              "bench",
              "bench polling|catch-up|ingest|commands|fleet|load-following [options]",
              "Benchmarks that print figures (see the README's Benchmarks section):\n"
                  + "  bench polling  [--miners 1000] [--interval-ms 10000] [--duration-s 130]\n"
                  + "  bench catch-up [--miners 1000] [--backlog-minutes 60]"
                  + " [--catch-up-factor 60]\n"
                  + "  bench ingest   [--batches 200] [--lines 5000] [--in-flight 8] [--rounds 6]"
                  + " [--warm-up-batches 20000]\n"
                  + "  bench commands [--miners 100] [--rounds 20] [--warm-up 2]\n"
                  + "  bench fleet    "
                  + FleetOptions.SYNOPSIS
                  + "\n"
                  + "  bench load-following [--miners 100] [--hours 24] [--seed 7]",
              Subcommands::bench),
          new Subcommand(
              "test",
              "test",
              "Runs every test, unit and integration, against a real InfluxDB (./mvnw -B"
                  + " verify). Tests run from a source checkout: ./flarewatch test.",
              (args, out, err) -> {
                err.println(
                    "flarewatch test runs from a source checkout (./flarewatch test), not from an"
                        + " installed distribution");
                return 2;
              }));

  private Subcommands() {}

  /** The names of every command, e.g. for checking what a deploy file runs. */
  public static List<String> names() {
    return ALL.stream().map(Subcommand::name).toList();
  }

  /** The command named {@code name}, if there is one. */
  static Optional<Subcommand> named(String name) {
    return ALL.stream().filter(command -> command.name().equals(name)).findFirst();
  }

  /**
   * Runs {@code args[0]} with the rest of {@code args}; {@code --help} (or {@code -h}) right after
   * a command's name prints that command's help. Returns the exit code when it did not run a
   * command (usage or help printed); a command that ran exits by itself or returns 0.
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0 || isHelp(args[0]) || args[0].equals("help")) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    Optional<Subcommand> command = named(args[0]);
    if (command.isEmpty()) {
      err.println("flarewatch: unknown command '" + args[0] + "'");
      usage(err);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    // the emissions CLI has a long --help of its own
    if (rest.length == 1 && isHelp(rest[0]) && !command.get().name().equals("emissions")) {
      out.println("usage: flarewatch " + command.get().synopsis());
      out.println();
      out.println(command.get().help());
      return 0;
    }
    return command.get().main().run(rest, out, err);
  }

  static void usage(PrintStream out) {
    out.println("usage: flarewatch <command> [options]   (flarewatch <command> --help)");
    out.println();
    for (Subcommand command : ALL) {
      out.println("  flarewatch " + command.synopsis());
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  private static int bench(String[] args, PrintStream out, PrintStream err) throws Exception {
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (args.length == 0 ? "" : args[0]) {
      case "polling" -> PollingBenchmark.main(rest);
      case "catch-up" -> CatchUpBenchmark.main(rest);
      case "ingest" -> IngestBenchmark.main(rest);
      case "commands" -> CommandsBenchmark.main(rest);
      case "fleet" -> {
        return FleetBenchmark.run(rest, out, err);
      }
      case "load-following" -> LoadFollowingBenchmark.main(rest);
      default -> {
        err.println("usage: flarewatch " + named("bench").orElseThrow().synopsis());
        return 2;
      }
    }
    return 0;
  }
}
