package io.flarewatch.demo.bench;

import io.flarewatch.edge.config.LoadControlConfig;
import io.flarewatch.simulator.GasConfig;
import io.flarewatch.simulator.GasProfile;
import io.flarewatch.simulator.ManualClock;
import io.flarewatch.simulator.PlantCounters;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SitePlant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gas following side by side: for each scripted gas profile, the same simulated site (in process,
 * fast clock) run with no control, with a naive threshold rule and with the edge's load loop, each
 * over the same span of site time from the same seed. Prints engine trips, gas utilisation (gas to
 * the engine ÷ gas available), gas flared and hashrate-hours.
 *
 * <p>The site: {@code --miners} (default 100) miners, a generator rated 1.25 × their demand, and a
 * well whose gas, at the profile's base, carries 90 % of the miners' demand (so running every miner
 * is too much, and sleeping every miner wastes it all). The naive rule's threshold is the gas all
 * miners need: below it every miner sleeps.
 *
 * <p>{@code flarewatch bench load-following [--miners 100] [--hours 24] [--seed 7]}
 */
public final class LoadFollowingBenchmark {

  /** The base gas carries this share of the miners' full demand. */
  static final double BASE_SHARE_OF_DEMAND = 0.9;

  /** The control period: the edge's default poll interval. */
  static final Duration PERIOD = Duration.ofSeconds(10);

  /** Its options, each with its default and range; {@code --help} prints them. */
  static final BenchOptions OPTIONS =
      new BenchOptions(
          "load-following",
          "For each scripted gas profile, runs the same simulated site (in process, fast clock)"
              + " with no control,\na naive threshold rule and the edge's load loop, and prints"
              + " engine trips, gas utilisation, gas\nflared and hashrate-hours.",
          new BenchOptions.Option("--miners", 100, 1, 10_000, "miners of the site"),
          new BenchOptions.Option("--hours", 24, 1, 8760, "hours of site time per run"),
          new BenchOptions.Option(
              "--seed", 7, 0, Integer.MAX_VALUE, "the simulation's random seed"));

  private LoadFollowingBenchmark() {}

  /** One rule on one profile. */
  public record Row(GasProfile profile, PlantLoop.Rule rule, PlantCounters counters, int changes) {

    String format() {
      return String.format(
          Locale.ROOT,
          "%-17s %-16s %6d %12.1f %14.0f %14.0f %10d",
          profile.name().toLowerCase(Locale.ROOT),
          rule.label(),
          counters.trips(),
          100 * counters.burnedFraction(),
          counters.flaredScf(),
          counters.hashrateThHours(),
          changes);
    }
  }

  public static void main(String[] args) {
    BenchOptions.Values options = OPTIONS.readOrExit(args);
    if (options == null) {
      return;
    }
    int miners = options.get("--miners");
    int hours = options.get("--hours");
    long seed = options.get("--seed");
    Duration span = Duration.ofHours(hours);
    System.out.printf(
        Locale.ROOT,
        "gas following: %d miners, %d h of site time per run, control every %d s, seed %d%n",
        miners,
        hours,
        PERIOD.toSeconds(),
        seed);
    System.out.printf(
        Locale.ROOT,
        "%-17s %-16s %6s %12s %14s %14s %10s%n",
        "profile",
        "rule",
        "trips",
        "gas used %",
        "flared scf",
        "TH/s x h",
        "changes");
    for (GasProfile profile : scriptedProfiles()) {
      SimulatorConfig site = site(profile, miners, seed, span);
      for (PlantLoop.Rule rule : PlantLoop.Rule.values()) {
        long began = System.nanoTime();
        Row row = run(site, rule, span);
        System.out.printf(
            Locale.ROOT, "%s   (%.1f s)%n", row.format(), (System.nanoTime() - began) / 1e9);
      }
    }
  }

  /** Every profile but the random walk. */
  public static List<GasProfile> scriptedProfiles() {
    List<GasProfile> profiles = new ArrayList<>(List.of(GasProfile.values()));
    profiles.remove(GasProfile.RANDOM_WALK);
    return profiles;
  }

  /**
   * The bench's site for a profile over {@code span}: the events of the profile fall inside the
   * span (a decline by half over half of it from an eighth, a drop by half at a quarter for a
   * quarter, a shut-in at a quarter for an eighth and back over an eighth, slugs of 30 minutes).
   */
  public static SimulatorConfig site(GasProfile profile, int miners, long seed, Duration span) {
    SimulatorConfig defaults = SimulatorConfig.defaults(miners, seed);
    double demandKw = miners * 3.3 * (1 + defaults.physics().auxiliaryFraction());
    double demandMscfd = demandMscfd(defaults, demandKw);
    double seconds = span.toSeconds();
    GasConfig gas =
        switch (profile) {
          case SLOW_DECLINE ->
              new GasConfig(profile, demandMscfd, 0.5, seconds / 2, seconds / 8, 0, 0.01, seed);
          case SLUGGING -> new GasConfig(profile, demandMscfd * 0.6, 0.4, 1800, 0, 0, 0.01, seed);
          case SUDDEN_DROP ->
              new GasConfig(
                  profile,
                  demandMscfd * BASE_SHARE_OF_DEMAND,
                  0.5,
                  600,
                  seconds / 4,
                  seconds / 4,
                  0.01,
                  seed);
          case SHUT_IN_RECOVERY ->
              new GasConfig(
                  profile,
                  demandMscfd * BASE_SHARE_OF_DEMAND,
                  1,
                  seconds / 8,
                  seconds / 4,
                  seconds / 8,
                  0.01,
                  seed);
          default ->
              new GasConfig(
                  profile, demandMscfd * BASE_SHARE_OF_DEMAND, 0.5, 600, 600, 600, 0.01, seed);
        };
    return defaults.withGas(gas);
  }

  /** Gas the miners' full demand burns, Mscf/d. */
  static double demandMscfd(SimulatorConfig site, double demandKw) {
    return demandKw
        * site.physics().heatRateBtuPerKwh()
        / site.physics().gasHhvBtuPerScf()
        * 24
        / 1000;
  }

  /** The naive rule's threshold: the gas every miner at full power needs. */
  static double naiveThresholdMscfd(SimulatorConfig site) {
    int miners = site.miners().count();
    return demandMscfd(site, miners * 3.3 * (1 + site.physics().auxiliaryFraction()));
  }

  /** One run from the site's start over {@code span}. */
  public static Row run(SimulatorConfig site, PlantLoop.Rule rule, Duration span) {
    SitePlant plant = SitePlant.create(site, new ManualClock(SitePlant.DEFAULT_START));
    LoadControlConfig loop = PlantLoop.loopSettingsFor(site.physics());
    PlantLoop run = new PlantLoop(plant, rule, PERIOD, loop, naiveThresholdMscfd(site));
    run.run(span);
    return new Row(site.gas().profile(), rule, plant.counters(), run.changes().size());
  }
}
