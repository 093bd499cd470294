package io.flarewatch.demo.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Each benchmark's name and option synopsis, from the options it reads. */
public final class BenchSynopses {

  private BenchSynopses() {}

  /** Benchmark name to its options, in the order {@code flarewatch bench --help} lists them. */
  static Map<String, BenchOptions> all() {
    Map<String, BenchOptions> all = new LinkedHashMap<>();
    all.put("polling", PollingBenchmark.OPTIONS);
    all.put("catch-up", CatchUpBenchmark.OPTIONS);
    all.put("ingest", IngestBenchmark.OPTIONS);
    all.put("commands", CommandsBenchmark.OPTIONS);
    all.put("fleet", FleetOptions.OPTIONS);
    all.put("load-following", LoadFollowingBenchmark.OPTIONS);
    return all;
  }

  /** One line per benchmark: {@code bench <name> [--option default] ...}. */
  public static String lines() {
    return all().entrySet().stream()
        .map(e -> "  bench " + e.getKey() + " " + e.getValue().synopsis())
        .collect(Collectors.joining("\n"));
  }
}
