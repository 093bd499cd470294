package io.flarewatch.demo.bench;

import java.util.Locale;
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
 * @param inmemIndex run influxd with its in-memory index rather than tsi1, to compare the two
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
    int warmUp,
    boolean inmemIndex) {

  /** Each option with its default, its range and what it is. */
  static final BenchOptions OPTIONS =
      new BenchOptions(
          "fleet",
          String.join(
              "\n",
              "Seeds a fleet straight into a local influxd (no series limit; tsi1 index unless told): per site",
              "and cycle a generator, two gas meters, a site summary and an emissions point; every",
              "miner's latest cycles; and, for the first --report-sites, emissions history before",
              "that. Then, with central in its own JVM, times the fleet overview (GET /fleet), the",
              "site screen (its five GETs at once) and the emissions report; prints p50/p99 after",
              "warm-up rounds (goal p99 < 300 ms) and what was seeded: sites, miners, days, cycle,",
              "points, series, and the seeding rate.",
              "",
              "The defaults are the scale goal, 1,000 sites x 1,000 miners (1,005,000 series) with",
              "a day of data, at a 300 s cycle rather than the edge's 10 s: the screens' cost",
              "follows the number of series, not their depth (the day's series are read at 5",
              "min), and a day at 10 s for 1,000 sites is 43 million points, hours of seeding."),
          new BenchOptions.Option(
              "--sites", 1000, 1, 10_000, "sites, each with --days of data, all in the overview"),
          new BenchOptions.Option("--days", 1, 1, 31, "days of each site's history, ending now"),
          new BenchOptions.Option(
              "--cycle-s",
              300,
              1,
              3600,
              "seconds between a site's points; the edge polls every 10"),
          new BenchOptions.Option(
              "--miners", 1000, 0, 10_000, "miners per site, each a series (ids m-0001 ...)"),
          new BenchOptions.Option("--miner-cycles", 1, 1, 8640, "latest cycles seeded per miner"),
          new BenchOptions.Option(
              "--report-sites", 100, 0, 10_000, "the first sites, with history for the report"),
          new BenchOptions.Option(
              "--report-days", 365, 1, 3660, "days of report history, before the fleet's days"),
          new BenchOptions.Option(
              "--report-interval-s", 3600, 1, 86_400, "seconds between report history's points"),
          new BenchOptions.Option(
              "--rounds", 200, 1, 100_000, "measured rounds of the overview and site screen"),
          new BenchOptions.Option("--warm-up", 20, 0, 100_000, "uncounted rounds first"),
          new BenchOptions.Option(
              "--inmem-index",
              0,
              0,
              1,
              "1: influxd's in-memory index instead of tsi1 (what deploy/ sets), to compare"));

  /** The synopsis, as {@code flarewatch bench --help} prints it. */
  public static final String SYNOPSIS = OPTIONS.synopsis();

  /** Reads {@code args}; throws {@link IllegalArgumentException} naming the option at fault. */
  public static FleetOptions parse(String[] args) {
    Map<String, Integer> values = OPTIONS.parse(args).byName();
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
        values.get("--warm-up"),
        values.get("--inmem-index") == 1);
  }

  /**
   * Points the fleet's days hold: per site and cycle a generator, two meters, summary, emissions.
   */
  public long fleetPoints() {
    return (long) sites * cyclesPerSite() * FleetData.POINTS_PER_CYCLE
        + (long) sites * miners * minerCycles;
  }

  /** Series of the fleet: each site's devices, summary and emissions, and its miners. */
  public long fleetSeries() {
    return (long) sites * FleetData.SERIES_PER_SITE + (long) sites * miners;
  }

  /**
   * What the fleet's seeding wrote, in one line: sizes, points, series (as counted and as {@code
   * counted} by InfluxDB), bytes and rate.
   */
  String seeded(FleetSeeder.Seeded day, long counted) {
    return String.format(
        Locale.ROOT,
        "seeded the fleet: %,d sites x %,d miners, %d day(s) at a %d s cycle (%,d cycles per site,"
            + " each miner's latest %d), %,d points, %,d series (InfluxDB estimates %,d),"
            + " %.0f MB in %.0f s: %,.0f points/s",
        sites,
        miners,
        days,
        cycleSeconds,
        cyclesPerSite(),
        minerCycles,
        day.points(),
        fleetSeries(),
        counted,
        day.bytes() / 1e6,
        day.seconds(),
        day.pointsPerSecond());
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
