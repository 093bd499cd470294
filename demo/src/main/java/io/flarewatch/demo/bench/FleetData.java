package io.flarewatch.demo.bench;

import io.flarewatch.demo.DemoSite;
import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.emissions.EmissionsResult;
import io.flarewatch.emissions.Methodology;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The points a fleet's edges would have written, in the shapes the fleet overview, the site screen
 * and the emissions report read, with names from the wire contract's {@link Schema}.
 *
 * <p>Per site and cycle (the edge's poll interval): a {@code generator} point, two {@code
 * gas_meter} points (genset fuel and flare, with their interval volumes), a {@code site_summary}
 * and an {@code emissions} point computed from the fuel volume by the methodology, tagged with its
 * parameter set and carrying every {@code param_*}, as the edge writes them. Miners: the latest
 * cycles only. A day of every miner at 10 s would be 8.64 M points per site (8.64 G for the fleet);
 * the screens read only each miner's latest sample ({@code ORDER BY time DESC LIMIT 1}), whose cost
 * depends on the number of miner series, which is seeded in full, not on their depth.
 *
 * <p>Values are smooth and deterministic per site and time, so runs are comparable.
 */
final class FleetData {

  /** Points per site and cycle: generator, fuel meter, flare meter, summary, emissions. */
  static final int POINTS_PER_CYCLE = 5;

  /** Series per site besides its miners: the same five, each with tags of its own. */
  static final int SERIES_PER_SITE = POINTS_PER_CYCLE;

  static final String GENERATOR = "generator";
  static final String FUEL_METER = "fuel-meter";
  static final String FLARE_METER = "flare-meter";
  static final String ROLE_GENSET_FUEL = "genset_fuel_meter";
  static final String ROLE_FLARE = "flare_meter";

  /** Fuel to the engine and gas to the flare, Mscf/d, before each site's own wave. */
  private static final double FUEL_MSCFD = 190;

  private static final double FLARE_MSCFD = 60;
  private static final double TOTALIZER_STEP_CF = 0.01;
  private static final List<String> FIRMWARES =
      List.of("antminer", "braiins", "luxos", "whatsminer");

  private final SiteEmissionsParameters parameters =
      SiteEmissionsParameters.fromJson(DemoSite.emissions());
  private final String parameterSet = parameters.id();

  /**
   * Results by volume in hundredths of a cf: volumes repeat, the calculator need not. At most
   * {@link #MAX_RESULTS} (about 3 kB each, so at most about 300 MB): at long intervals the volumes
   * spread over many values (a year at 6 h intervals, up to 146,000).
   */
  private final Map<Long, EmissionsResult> results = new ConcurrentHashMap<>();

  private static final int MAX_RESULTS = 100_000;

  /** Site {@code index} (0-based) as an id: {@code site-0001}, ... */
  static String siteId(int index) {
    return String.format("site-%04d", index + 1);
  }

  static String minerId(int index) {
    return String.format("m-%04d", index + 1);
  }

  /** The points of one site's cycle at {@code timeMillis}, in line protocol, one per line. */
  void appendCycle(StringBuilder lines, int site, long timeMillis, int cycleSeconds) {
    String id = siteId(site);
    double wave = wave(site, timeMillis);
    double kw = round(1000 * wave, 1);
    append(
        lines,
        Point.builder(Schema.GENERATOR, timeMillis)
            .tag(Schema.TAG_SITE, id)
            .tag(Schema.TAG_DEVICE, GENERATOR)
            .field(Schema.FIELD_UP, 1L)
            .field(Schema.FIELD_GENERATOR_KW, kw)
            .field("apparent_power_kva", round(kw / 0.95, 1))
            .field("load_pct", round(kw / 12.8, 1))
            .field("engine_rpm", 1800.0)
            .field("fuel_flow_scfh", round(FUEL_MSCFD * 1000 / 24 * wave, 0))
            .field("coolant_temp_c", 86.0)
            .field("oil_pressure_kpa", 410.0)
            .field("run_hours", (double) (timeMillis / 3_600_000L % 100_000))
            .field("status_bits", 0.0)
            .build());
    double fuelScf = volume(FUEL_MSCFD * wave, cycleSeconds);
    appendMeter(lines, id, FUEL_METER, ROLE_GENSET_FUEL, timeMillis, fuelScf, cycleSeconds);
    appendMeter(
        lines,
        id,
        FLARE_METER,
        ROLE_FLARE,
        timeMillis,
        volume(FLARE_MSCFD * (2 - wave), cycleSeconds),
        cycleSeconds);
    long total = 1000;
    long online = total - (timeMillis / 60_000 + site) % 7;
    append(
        lines,
        Point.builder(Schema.SITE_SUMMARY, timeMillis)
            .tag(Schema.TAG_SITE, id)
            .field(Schema.FIELD_MINERS_TOTAL, total)
            .field(Schema.FIELD_MINERS_ONLINE, online)
            .field(Schema.FIELD_HASHRATE_THS, round(online * 110 * wave, 1))
            .build());
    appendEmissions(lines, site, timeMillis, fuelScf, cycleSeconds);
  }

  /** An emissions point as the edge computes it for {@code volumeScf} of genset fuel. */
  void appendEmissions(
      StringBuilder lines, int site, long timeMillis, double volumeScf, int intervalSeconds) {
    long hundredths = Math.round(volumeScf / TOTALIZER_STEP_CF);
    EmissionsResult result = results.get(hundredths);
    if (result == null) {
      result = EmissionsCalculator.compute(hundredths * TOTALIZER_STEP_CF, parameters);
      if (results.size() < MAX_RESULTS) {
        results.putIfAbsent(hundredths, result);
      }
    }
    Point.Builder point =
        Point.builder(Schema.EMISSIONS, timeMillis)
            .tag(Schema.TAG_SITE, siteId(site))
            .tag(Schema.TAG_DEVICE, FUEL_METER)
            .tag(Schema.TAG_METHODOLOGY, Methodology.ID)
            .tag(Schema.TAG_PARAMETER_SET, parameterSet);
    result.figures().forEach(point::field);
    result.parameters().forEach((k, v) -> point.field(Schema.PARAMETER_PREFIX + k, v));
    point.field(Schema.FIELD_INTERVAL_SECONDS, (double) intervalSeconds);
    point.field(Schema.FIELD_SPANS_OUTAGE, 0L);
    point.field(Schema.FIELD_VOLUME_RESOLUTION_CF, TOTALIZER_STEP_CF);
    append(lines, point.build());
  }

  /** Genset fuel of an interval of the report's history, scf. */
  double reportVolume(int site, long timeMillis, int intervalSeconds) {
    return volume(FUEL_MSCFD * wave(site, timeMillis), intervalSeconds);
  }

  /** Miners {@code from} (inclusive) to {@code to} of a site at one cycle. */
  void appendMiners(StringBuilder lines, int site, long timeMillis, int from, int to) {
    String id = siteId(site);
    for (int m = from; m < to; m++) {
      boolean up = (m + site + timeMillis / 60_000) % 97 != 0;
      Point.Builder miner =
          Point.builder(Schema.MINER, timeMillis)
              .tag(Schema.TAG_SITE, id)
              .tag(Schema.TAG_MINER, minerId(m))
              .tag(Schema.TAG_FIRMWARE, FIRMWARES.get(m % FIRMWARES.size()))
              .field(Schema.FIELD_UP, up ? 1L : 0L);
      if (up) {
        miner
            .field(Schema.FIELD_STATE, "mining")
            .field(Schema.FIELD_HASHRATE_THS, round(100 + (m * 37 + site) % 200 / 10.0, 2))
            .field(Schema.FIELD_TEMP_CHIP_MAX_C, (double) (68 + (m + site) % 12))
            .field(Schema.FIELD_FAN_RPM_MAX, 5400L + (m * 13) % 400)
            .field(Schema.FIELD_UPTIME_S, 86_400L + m)
            .field(Schema.FIELD_POWER_W, 3300.0 + (m * 7) % 200);
      } else {
        miner.field(Schema.FIELD_ERROR, "timeout");
      }
      append(lines, miner.build());
    }
  }

  private static void appendMeter(
      StringBuilder lines,
      String site,
      String device,
      String role,
      long timeMillis,
      double intervalScf,
      int intervalSeconds) {
    append(
        lines,
        Point.builder(Schema.GAS_METER, timeMillis)
            .tag(Schema.TAG_SITE, site)
            .tag(Schema.TAG_DEVICE, device)
            .tag(Schema.TAG_ROLE, role)
            .field(Schema.FIELD_UP, 1L)
            .field("flow_rate_mscfd", round(intervalScf * 86.4 / intervalSeconds, 2))
            .field("volume_total_scf", (double) (timeMillis / 1000 * 2))
            .field("pressure_psig", 42.0)
            .field("temperature_f", 71.0)
            .field("status_bits", 0.0)
            .field(Schema.FIELD_INTERVAL_VOLUME_SCF, intervalScf)
            .field(Schema.FIELD_INTERVAL_SECONDS, (double) intervalSeconds)
            .field(Schema.FIELD_VOLUME_RESOLUTION_CF, TOTALIZER_STEP_CF)
            .build());
  }

  private static void append(StringBuilder lines, Point point) {
    LineProtocol.appendTo(lines, point);
    lines.append('\n');
  }

  /** About 1 ± 0.05, one period a day, shifted per site. */
  private static double wave(int site, long timeMillis) {
    double day = (timeMillis % 86_400_000L) / 86_400_000.0;
    return 1 + 0.05 * Math.sin(2 * Math.PI * (day + site / 97.0));
  }

  /** scf in an interval at {@code mscfd}, counted in the totalizer's steps. */
  private static double volume(double mscfd, int seconds) {
    return round(mscfd * 1000 / 86_400 * seconds, 2);
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
