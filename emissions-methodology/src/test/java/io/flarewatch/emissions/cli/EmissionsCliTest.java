package io.flarewatch.emissions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmissionsCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GAS_A =
      "CH4=0.75,C2H6=0.12,C3H8=0.06,C4H10=0.025,C5+=0.01,CO2=0.02,N2=0.015";
  private static final List<String> EXAMPLE_1 =
      List.of(
          "--volume-scf",
          "1000000",
          "--composition",
          GAS_A,
          "--flare-efficiency",
          "0.98",
          "--engine",
          "FOUR_STROKE_LEAN_BURN",
          "--gwp",
          "AR6_GWP100_FOSSIL");

  private record Outcome(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  private static Outcome run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new EmissionsCli()
            .run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Outcome run(String... args) {
    return run(Arrays.asList(args));
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> args = new ArrayList<>(base);
    args.addAll(Arrays.asList(more));
    return args;
  }

  private static List<String> without(List<String> base, String option) {
    List<String> args = new ArrayList<>(base);
    int i = args.indexOf(option);
    args.remove(i + 1);
    args.remove(i);
    return args;
  }

  private static List<String> replacing(List<String> base, String option, String value) {
    List<String> args = new ArrayList<>(base);
    args.set(args.indexOf(option) + 1, value);
    return args;
  }

  /** The line of the text report that starts with {@code name}, split into columns. */
  private static String[] line(String out, String name) {
    return out.lines()
        .map(String::trim)
        .filter(l -> l.startsWith(name + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + name + " in\n" + out))
        .split("\\s+");
  }

  @Test
  void textReportListsEveryFigureWithItsValueAndEveryParameter() {
    Outcome outcome = run(EXAMPLE_1);

    assertEquals(0, outcome.exitCode(), outcome.err());
    assertEquals("", outcome.err());
    assertTrue(outcome.out().contains("methodology: flarewatch-epa98w-1.0"), outcome.out());
    assertEquals("15000", line(outcome.out(), "baseline_ch4_scf")[1]);
    assertEquals("1313600", line(outcome.out(), "baseline_co2_scf")[1]);
    assertEquals("69.09536", line(outcome.out(), "baseline_co2_t")[1]);
    assertEquals("28500", line(outcome.out(), "project_ch4_scf")[1]);
    assertEquals("-6.474384", line(outcome.out(), "avoided_tco2e")[1]);
    assertEquals("1242.4765", line(outcome.out(), "hhv_btu_per_scf")[1]);
    assertEquals("0.98", line(outcome.out(), "flare_destruction_efficiency")[1]);
    assertEquals("0.962", line(outcome.out(), "engine_efficiency")[1]);
    assertEquals("default", line(outcome.out(), "engine_efficiency_basis")[1]);
    assertEquals("AR6_GWP100_FOSSIL", line(outcome.out(), "gwp_set")[1]);
    assertTrue(
        outcome.out().contains("Avoided: -6.474384 tCO2e (-8.33 % of the baseline): NEGATIVE"),
        outcome.out());
  }

  @Test
  void jsonReportHoldsFiguresAndParameters() throws IOException {
    Outcome outcome = run(with(EXAMPLE_1, "--json"));

    assertEquals(0, outcome.exitCode(), outcome.err());
    JsonNode json = outcome.json();
    assertEquals("flarewatch-epa98w-1.0", json.get("methodology").asText());
    assertEquals(1_313_600.0, json.get("figures").get("baseline_co2_scf").doubleValue());
    assertEquals(84.18606360845, json.get("figures").get("project_tco2e").doubleValue());
    assertEquals(-6.474384, json.get("figures").get("avoided_tco2e").doubleValue());
    assertEquals("FOUR_STROKE_LEAN_BURN", json.get("parameters").get("engine_type").asText());
    assertEquals("command-line input", json.get("parameters").get("flare_source").asText());
    List<String> names = new ArrayList<>();
    json.get("figures").fieldNames().forEachRemaining(names::add);
    assertEquals("gas_volume_metered_cf", names.get(0));
    assertEquals("avoided_tco2e", names.get(names.size() - 1));
  }

  @Test
  void tierMeasuredAndPressureBaseOptionsReachTheResult() throws IOException {
    JsonNode json =
        run(with(
                without(EXAMPLE_1, "--flare-efficiency"),
                "--flare-tier",
                "1",
                "--engine-efficiency",
                "0.99",
                "--engine-source",
                "stack test 2025-03",
                "--pressure-base-psia",
                "14.73",
                "--unlit-fraction",
                "0.05",
                "--json"))
            .json();
    JsonNode parameters = json.get("parameters");
    assertEquals("DEFAULT_TIER", parameters.get("flare_form").asText());
    assertEquals("0.965", parameters.get("flare_combustion_efficiency").asText());
    assertTrue(parameters.get("flare_source").asText().contains("98.233(n)(1)"));
    assertEquals("0.99", parameters.get("engine_efficiency").asText());
    assertEquals("measured", parameters.get("engine_efficiency_basis").asText());
    assertEquals("stack test 2025-03", parameters.get("engine_efficiency_source").asText());
    assertEquals("0.05", parameters.get("flare_unlit_fraction").asText());
    // 1,000,000 cf at 14.73 psia = 1,002,040.8163... scf
    assertEquals(1_002_040.8163265306, json.get("figures").get("gas_volume_scf").doubleValue());
  }

  @Test
  void scenarioFileOfTheExamplesIsComputed() throws IOException {
    Outcome outcome = run("--scenario", "examples/gas-a-flare-0911.json", "--json");

    assertEquals(0, outcome.exitCode(), outcome.err());
    JsonNode json = outcome.json();
    assertEquals(102.53015160845, json.get("figures").get("baseline_tco2e").doubleValue());
    assertEquals(18.344088, json.get("figures").get("avoided_tco2e").doubleValue());
    assertEquals(
        0.179, Math.round(json.get("avoided_share_of_baseline").doubleValue() * 1000) / 1000.0);
  }

  @Test
  void helpPrintsUsage() {
    Outcome outcome = run("--help");
    assertEquals(0, outcome.exitCode());
    assertTrue(outcome.out().startsWith("Usage: emissions-cli"), outcome.out());
    assertTrue(outcome.out().contains("--scenario FILE"), outcome.out());
    assertTrue(outcome.out().contains("FOUR_STROKE_RICH_BURN"), outcome.out());
  }

  static Stream<Arguments> badArguments() {
    return Stream.of(
        Arguments.of(with(EXAMPLE_1, "--volume"), "unknown argument \"--volume\""),
        Arguments.of(with(EXAMPLE_1, "--json=yes"), "--json takes no value"),
        Arguments.of(with(without(EXAMPLE_1, "--gwp"), "--gwp"), "--gwp needs a value"),
        Arguments.of(with(EXAMPLE_1, "--gwp", "AR5_GWP100"), "--gwp is given more than once"),
        Arguments.of(without(EXAMPLE_1, "--volume-scf"), "--volume-scf is required"),
        Arguments.of(
            replacing(EXAMPLE_1, "--volume-scf", "abc"), "--volume-scf: \"abc\" is not a number"),
        Arguments.of(
            replacing(EXAMPLE_1, "--volume-scf", "-5"),
            "--volume-scf: -5 is negative; must be >= 0"),
        Arguments.of(
            replacing(EXAMPLE_1, "--flare-efficiency", "1.2"),
            "--flare-efficiency: 1.2 is outside (0, 1]"),
        Arguments.of(
            without(EXAMPLE_1, "--flare-efficiency"),
            "--flare-efficiency / --flare-tier / --flare-combustion-efficiency: give exactly one"
                + " of efficiency (single η for destruction and combustion), tier (default 1, 2 or"
                + " 3) or combustionEfficiency (measured η_C)"),
        Arguments.of(
            with(EXAMPLE_1, "--flare-combustion-efficiency", "0.97"),
            "--flare-efficiency / --flare-tier / --flare-combustion-efficiency: give exactly one"
                + " of efficiency (single η for destruction and combustion), tier (default 1, 2 or"
                + " 3) or combustionEfficiency (measured η_C); found efficiency,"
                + " combustionEfficiency"),
        Arguments.of(
            replacing(EXAMPLE_1, "--engine", "V8"),
            "--engine: \"V8\" is not an engine type; valid: TWO_STROKE_LEAN_BURN,"
                + " FOUR_STROKE_LEAN_BURN, FOUR_STROKE_RICH_BURN, GAS_TURBINE,"
                + " OTHER_INTERNAL_COMBUSTION"),
        Arguments.of(without(EXAMPLE_1, "--engine"), "--engine: is required"),
        Arguments.of(
            with(EXAMPLE_1, "--engine-efficiency", "0"),
            "--engine-efficiency: 0 is outside (0, 1]"),
        Arguments.of(
            replacing(EXAMPLE_1, "--gwp", "SAR"),
            "--gwp: \"SAR\" is not a GWP set; valid: AR6_GWP100_FOSSIL, AR6_GWP100_NON_FOSSIL,"
                + " AR6_GWP20_FOSSIL, AR5_GWP100, AR4_GWP100"),
        Arguments.of(
            with(EXAMPLE_1, "--pressure-base-psia", "101.325"),
            "--pressure-base-psia: 101.325 psia is outside the plausible range [13, 16] (the"
                + " value must be in psia, e.g. 14.73)"),
        Arguments.of(
            with(EXAMPLE_1, "--unlit-fraction", "2"), "--unlit-fraction: 2 is outside [0, 1]"),
        Arguments.of(without(EXAMPLE_1, "--composition"), "--composition: is required"),
        Arguments.of(
            replacing(EXAMPLE_1, "--composition", "CH4:0.75"),
            "--composition: \"CH4:0.75\" is not COMPONENT=FRACTION (e.g. CH4=0.75)"),
        Arguments.of(
            replacing(EXAMPLE_1, "--composition", GAS_A.replace("0.75", "0.737")),
            "--composition: mole fractions sum to 0.9870, must be 1 ± 0.005"),
        Arguments.of(
            replacing(EXAMPLE_1, "--composition", GAS_A.replace("CH4", "C1")),
            "--composition: unknown component \"C1\"; valid components: CH4, C2H6, C3H8, C4H10,"
                + " C5+, CO2, N2"),
        Arguments.of(
            replacing(EXAMPLE_1, "--composition", GAS_A.replace("0.75", "x")),
            "--composition CH4: \"x\" is not a number"),
        Arguments.of(
            replacing(EXAMPLE_1, "--composition", GAS_A + ",CH4=0.1"),
            "--composition: CH4 is given more than once"),
        Arguments.of(
            List.of("--scenario", "examples/gas-a-flare-0911.json", "--gwp", "AR5_GWP100"),
            "--scenario cannot be combined with --gwp (put every parameter, and volumeScf, in"
                + " the file)"));
  }

  @ParameterizedTest
  @MethodSource("badArguments")
  void badArgumentExitsWith2NamingIt(List<String> args, String expected) {
    Outcome outcome = run(args);
    assertEquals(2, outcome.exitCode(), outcome.out());
    assertEquals("", outcome.out());
    assertEquals("error: " + expected, outcome.err().lines().findFirst().orElse(""));
    assertTrue(outcome.err().contains("--help"), outcome.err());
  }

  static Stream<Arguments> badScenarios() {
    return Stream.of(
        Arguments.of("[1, 2]", ": must hold a JSON object"),
        Arguments.of("{\"volumeScf\": ", ": not valid JSON: "),
        Arguments.of(
            "{\"volumeScf\": 1, \"volumeScf\": 2}",
            ": not valid JSON: Duplicate field 'volumeScf'"),
        Arguments.of(example("\"volumeScf\": 1000000,", ""), ": volumeScf: is required (a number)"),
        Arguments.of(
            example("\"volumeScf\": 1000000", "\"volumeScf\": \"lots\""),
            ": volumeScf: must be a number, got \"lots\""),
        Arguments.of(
            example("\"volumeScf\": 1000000", "\"volumeScf\": -1"),
            ": volumeScf: -1 is negative; must be >= 0"),
        Arguments.of(
            example("\"efficiency\": 0.911", "\"efficiency\": 1.2"),
            ": flare.efficiency: 1.2 is outside (0, 1]"),
        Arguments.of(
            example("\"gwp\"", "\"gwpSet\""),
            ": unknown key \"gwpSet\"; valid keys: gasComposition, compositionSource,"
                + " compositionAnalysisDate, flare, engine, gwp, pressureBasePsia, uncertainty"));
  }

  private static String example(String find, String replace) {
    try {
      String text = Files.readString(Path.of("examples/gas-a-flare-0911.json"));
      assertTrue(text.contains(find), find);
      return text.replace(find, replace);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("badScenarios")
  void badScenarioExitsWith2NamingFileAndKey(String content, String expected, @TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("scenario.json");
    Files.writeString(file, content);
    Outcome outcome = run("--scenario", file.toString());
    assertEquals(2, outcome.exitCode(), outcome.out());
    String first = outcome.err().lines().findFirst().orElse("");
    assertTrue(
        first.startsWith("error: --scenario " + file + expected),
        () -> "expected prefix error: --scenario " + file + expected + "\nbut was " + first);
  }

  @Test
  void missingScenarioFileExitsWith2(@TempDir Path dir) {
    Path file = dir.resolve("absent.json");
    Outcome outcome = run("--scenario", file.toString());
    assertEquals(2, outcome.exitCode());
    assertTrue(
        outcome.err().startsWith("error: --scenario " + file + ": cannot be read: "),
        outcome.err());
  }
}
