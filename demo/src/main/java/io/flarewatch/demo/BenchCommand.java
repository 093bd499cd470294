package io.flarewatch.demo;

import io.flarewatch.demo.bench.BenchSynopses;
import io.flarewatch.demo.bench.CatchUpBenchmark;
import io.flarewatch.demo.bench.CommandsBenchmark;
import io.flarewatch.demo.bench.FleetBenchmark;
import io.flarewatch.demo.bench.IngestBenchmark;
import io.flarewatch.demo.bench.LoadFollowingBenchmark;
import io.flarewatch.demo.bench.PollingBenchmark;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code flarewatch bench <benchmark> [options]}: the benchmarks, each printing its figures. */
public final class BenchCommand {

  /** The help of {@code flarewatch bench}, with each benchmark's options. */
  public static final String HELP =
      "Benchmarks that print figures (see the README's Benchmarks section; each answers --help):\n"
          + BenchSynopses.lines();

  private BenchCommand() {}

  /** Runs the benchmark named by {@code args[0]}; exit code 2 for none or an unknown one. */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
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
        err.println(
            "usage: flarewatch bench polling|catch-up|ingest|commands|fleet|load-following"
                + " [options]");
        return 2;
      }
    }
    return 0;
  }
}
