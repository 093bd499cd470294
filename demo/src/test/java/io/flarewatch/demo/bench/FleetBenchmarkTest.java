package io.flarewatch.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.demo.DemoSite;
import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetBenchmarkTest {

  private static final long NOW = 1_790_000_000_000L;

  @Test
  void defaultsAreTheIssuesSizesAtACycleThatCanBeSeeded() {
    FleetOptions options = FleetOptions.parse(new String[0]);
    assertEquals(1000, options.sites());
    assertEquals(1000, options.miners());
    assertEquals(1, options.days());
    assertEquals(300, options.cycleSeconds());
    assertEquals(100, options.reportSites());
    assertEquals(365, options.reportDays());
    assertEquals(3600, options.reportIntervalSeconds());
    assertFalse(options.inmemIndex(), "tsi1, as deploy/ sets, unless told");
    assertEquals(1000L * 288 * FleetData.POINTS_PER_CYCLE + 1000L * 1000, options.fleetPoints());
    assertEquals(1000L * FleetData.SERIES_PER_SITE + 1000L * 1000, options.fleetSeries());
  }

  @Test
  void theSeededLineSaysWhatWasSeededAndHowFast() {
    FleetOptions options =
        FleetOptions.parse(
            new String[] {
              "--sites", "50", "--miners", "100", "--cycle-s", "300", "--report-sites", "0"
            });
    assertEquals(
        "seeded the fleet: 50 sites x 100 miners, 1 day(s) at a 300 s cycle (288 cycles per site,"
            + " each miner's latest 1), 77,000 points, 5,250 series (InfluxDB estimates 5,249),"
            + " 43 MB in 10 s: 7,700 points/s",
        options.seeded(new FleetSeeder.Seeded(77_000, 43_000_000, 10), 5249));
  }

  @Test
  void influxDbsSeriesCountIsRead() {
    assertEquals(
        100_500,
        FleetBenchmark.seriesCount(
            "{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":"
                + "[\"cardinality estimation\"],\"values\":[[100500]]}]}]}"));
    assertEquals(0, FleetBenchmark.seriesCount("{\"results\":[{\"statement_id\":0}]}"));
  }

  @Test
  void optionsAreRead() {
    FleetOptions options =
        FleetOptions.parse(
            new String[] {
              "--sites", "20", "--report-sites", "5", "--rounds", "7", "--cycle-s", "10"
            });
    assertEquals(20, options.sites());
    assertEquals(5, options.reportSites());
    assertEquals(7, options.rounds());
    assertTrue(FleetOptions.parse(new String[] {"--inmem-index", "1"}).inmemIndex());
    assertEquals(20L * 8640 * FleetData.POINTS_PER_CYCLE + 20L * 1000, options.fleetPoints());
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals("--sites must be a whole number, got 'many'", error("--sites", "many"));
    assertEquals("--sites must be from 1 to 10000, got 0", error("--sites", "0"));
    assertEquals("--rounds needs a value", error("--rounds"));
    assertTrue(
        error("--site", "3").startsWith("unknown option '--site'; bench fleet takes --sites"));
    assertTrue(
        error("--sites", "10", "--report-sites", "11")
            .startsWith("--report-sites (11) must not exceed --sites (10)"));
    assertTrue(error("--miner-cycles", "9000").startsWith("--miner-cycles must be from 1 to 8640"));
    assertTrue(
        error("--cycle-s", "60", "--miner-cycles", "1441")
            .startsWith("--miner-cycles x --cycle-s must fit in --days"));
  }

  @Test
  void badArgumentsExitTwoBeforeStartingAnything() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        FleetBenchmark.run(
            new String[] {"--report-sites", "-1"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertEquals(
        "flarewatch bench fleet: --report-sites must be from 0 to 10000, got -1\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aCycleIsOnePointPerDeviceSummaryAndEmissionsWithinTheWireContract() {
    StringBuilder lines = new StringBuilder();
    new FleetData().appendCycle(lines, 3, NOW, 10);
    List<Point> points = contract(lines);
    assertEquals(FleetData.POINTS_PER_CYCLE, points.size());
    assertEquals(
        Map.of(
            Schema.GENERATOR, 1L,
            Schema.GAS_METER, 2L,
            Schema.SITE_SUMMARY, 1L,
            Schema.EMISSIONS, 1L),
        points.stream().collect(Collectors.groupingBy(Point::measurement, Collectors.counting())));
    assertTrue(points.stream().allMatch(p -> p.tags().get(Schema.TAG_SITE).equals("site-0004")));
    assertEquals(
        List.of(FleetData.ROLE_GENSET_FUEL, FleetData.ROLE_FLARE),
        points.stream()
            .filter(p -> p.measurement().equals(Schema.GAS_METER))
            .map(p -> p.tags().get(Schema.TAG_ROLE))
            .toList());
  }

  @Test
  void emissionsAreTheMethodologysFiguresForTheFuelVolumeWithTheirParameterSet() {
    SiteEmissionsParameters parameters = SiteEmissionsParameters.fromJson(DemoSite.emissions());
    StringBuilder lines = new StringBuilder();
    new FleetData().appendEmissions(lines, 0, NOW, 22.5, 10);
    Point point = contract(lines).get(0);
    assertEquals(parameters.id(), point.tags().get(Schema.TAG_PARAMETER_SET));
    assertEquals(
        EmissionsCalculator.compute(22.5, parameters).avoidedTco2e(),
        (Double) point.fields().get(Schema.FIELD_AVOIDED_TCO2E),
        1e-12);
    assertEquals(10.0, point.fields().get(Schema.FIELD_INTERVAL_SECONDS));
  }

  @Test
  void minersAreOnePointEachWithinTheWireContract() {
    StringBuilder lines = new StringBuilder();
    new FleetData().appendMiners(lines, 0, NOW, 0, 250);
    List<Point> points = contract(lines);
    assertEquals(250, points.size());
    assertEquals(250, points.stream().map(p -> p.tags().get(Schema.TAG_MINER)).distinct().count());
    assertTrue(points.stream().allMatch(p -> p.measurement().equals(Schema.MINER)));
  }

  /** Parses the lines, holding each point to the wire contract as central's ingest does. */
  private static List<Point> contract(StringBuilder lines) {
    return LineProtocolParser.parse(lines.toString(), p -> Schema.problem(p, NOW, 300_000));
  }

  private static String error(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> FleetOptions.parse(args))
        .getMessage();
  }
}
