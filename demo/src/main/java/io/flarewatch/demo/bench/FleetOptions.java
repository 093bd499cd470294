package io.flarewatch.demo.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fleet benchmark's arguments, checked: every option known, every value a whole number in its
 * range, the report's sites among the fleet's. An error names the option and what is wrong.
 *
 * @param sites sites seeded with a day of data and shown in the fleet overview
 * @param days days of history per site, ending now (the fleet and site screens read the last day)
 * @param cycleSeconds the edge's poll interval: one generator, gas meter, summary and emissions
 *     point per cycle
 * @param miners miners per site; each has its latest cycles only (see {@link FleetData})
 * @param minerCycles latest cycles seeded per miner
 * @param reportSites sites with a year of emissions for the report (the first of the fleet)
 * @param reportDays days of emissions history for the report, ending before the fleet's day
 * @param reportIntervalSeconds emissions interval of the report's history
 * @param rounds measured rounds per endpoint
 * @param warmUp uncounted rounds first
 */
public record FleetOptions(
    int sites,
    int days,
    int cycleSeconds,
    int miners,
    int minerCycles,
    int reportSites,
    int reportDays,
    int reportIntervalSeconds,
    int rounds,
    int warmUp) {

  /** The synopsis, as {@code flarewatch bench --help} prints it. */
  public static final String SYNOPSIS =
      "[--sites 1000] [--days 1] [--cycle-s 10] [--miners 1000] [--miner-cycles 1]"
          + " [--report-sites 100] [--report-days 365] [--report-interval-s 10] [--rounds 200]"
          + " [--warm-up 20]";

  /** Each option with its default and its range. */
  private static final Map<String, int[]> OPTIONS = options();

  private static Map<String, int[]> options() {
    Map<String, int[]> options = new LinkedHashMap<>();
    options.put("--sites", new int[] {1000, 1, 10_000});
    options.put("--days", new int[] {1, 1, 31});
    options.put("--cycle-s", new int[] {10, 1, 3600});
    options.put("--miners", new int[] {1000, 0, 10_000});
    options.put("--miner-cycles", new int[] {1, 1, 8640});
    options.put("--report-sites", new int[] {100, 0, 10_000});
    options.put("--report-days", new int[] {365, 1, 3660});
    options.put("--report-interval-s", new int[] {10, 1, 86_400});
    options.put("--rounds", new int[] {200, 1, 100_000});
    options.put("--warm-up", new int[] {20, 0, 100_000});
    return options;
  }

  /** Reads {@code args}; throws {@link IllegalArgumentException} naming the option at fault. */
  public static FleetOptions parse(String[] args) {
    Map<String, Integer> values = new LinkedHashMap<>();
    OPTIONS.forEach((name, spec) -> values.put(name, spec[0]));
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      int[] spec = OPTIONS.get(name);
      if (spec == null) {
        throw new IllegalArgumentException(
            "unknown option '"
                + name
                + "'; bench fleet takes "
                + String.join(", ", OPTIONS.keySet()));
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
      if (value < spec[1] || value > spec[2]) {
        throw new IllegalArgumentException(
            name + " must be from " + spec[1] + " to " + spec[2] + ", got " + value);
      }
      values.put(name, value);
    }
    if (values.get("--report-sites") > values.get("--sites")) {
      throw new IllegalArgumentException(
          "--report-sites ("
              + values.get("--report-sites")
              + ") must not exceed --sites ("
              + values.get("--sites")
              + "): the report's sites are the first of the fleet");
    }
    if (values.get("--miner-cycles") * (long) values.get("--cycle-s")
        > values.get("--days") * 86_400L) {
      throw new IllegalArgumentException(
          "--miner-cycles x --cycle-s must fit in --days: the miners' cycles are the latest of the"
              + " seeded days");
    }
    return new FleetOptions(
        values.get("--sites"),
        values.get("--days"),
        values.get("--cycle-s"),
        values.get("--miners"),
        values.get("--miner-cycles"),
        values.get("--report-sites"),
        values.get("--report-days"),
        values.get("--report-interval-s"),
        values.get("--rounds"),
        values.get("--warm-up"));
  }

  /**
   * Points the fleet's days hold: per site and cycle a generator, two meters, summary, emissions.
   */
  public long fleetPoints() {
    return (long) sites * cyclesPerSite() * FleetData.POINTS_PER_CYCLE
        + (long) sites * miners * minerCycles;
  }

  /** Cycles of each site's days. */
  public long cyclesPerSite() {
    return days * 86_400L / cycleSeconds;
  }

  /** Emissions points of the report's history. */
  public long reportPoints() {
    return (long) reportSites * (reportDays * 86_400L / reportIntervalSeconds);
  }
}
