package io.flarewatch.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void fleetHelpPrintsTheSynopsisAndEveryOptionWithItsDefaultAndExitsZero() throws Exception {
    assertEquals(0, FleetBenchmark.run(new String[] {"--help"}, stream(out), stream(err)));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.startsWith("usage: flarewatch bench fleet " + FleetOptions.SYNOPSIS), help);
    assertTrue(help.contains("  --sites N "), help);
    assertTrue(help.contains("(default 1000; 1 to 10000)"), help);
    assertTrue(help.contains("  --cycle-s N "), help);
    assertTrue(help.contains("(default 300; 1 to 3600)"), help);
    assertTrue(help.contains("JAVA_OPTS"), help);
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void benchHelpListsEveryBenchmarkWithTheOptionsItReads() {
    String lines = BenchSynopses.lines();
    assertEquals(6, lines.lines().count(), lines);
    BenchSynopses.all()
        .forEach(
            (name, options) ->
                assertTrue(
                    lines.contains("  bench " + name + " " + options.synopsis() + "\n")
                        || lines.endsWith("  bench " + name + " " + options.synopsis()),
                    name + " in " + lines));
    assertTrue(lines.contains("  bench commands [--miners 0]"), lines);
  }

  @Test
  void everyBenchmarkAnswersHelpWithEachOfItsOptions() {
    BenchSynopses.all()
        .forEach(
            (name, options) -> {
              ByteArrayOutputStream help = new ByteArrayOutputStream();
              assertNull(options.read(new String[] {"-h"}, stream(help), stream(err)));
              assertEquals(0, BenchOptions.exitCode(new String[] {"-h"}));
              String text = help.toString(StandardCharsets.UTF_8);
              assertTrue(
                  text.startsWith("usage: flarewatch bench " + name + " " + options.synopsis()),
                  text);
              for (String option : options.parse(new String[0]).byName().keySet()) {
                assertTrue(text.contains("  " + option + " N "), name + " describes " + option);
              }
            });
  }

  @Test
  void optionsAreReadWithDefaultsForTheRest() {
    BenchOptions.Values values =
        IngestBenchmark.OPTIONS.parse(new String[] {"--batches", "20", "--in-flight", "4"});
    assertEquals(20, values.get("--batches"));
    assertEquals(4, values.get("--in-flight"));
    assertEquals(5000, values.get("--lines"));
    assertEquals(
        "[--miners 1000] [--interval-ms 10000] [--duration-s 130]",
        PollingBenchmark.OPTIONS.synopsis());
  }

  @Test
  void anUnknownOptionOrABadValueIsNamedNotIgnored() {
    assertEquals(
        "unknown option '--minres'; bench polling takes --miners, --interval-ms, --duration-s",
        assertThrows(
                IllegalArgumentException.class,
                () -> PollingBenchmark.OPTIONS.parse(new String[] {"--minres", "5"}))
            .getMessage());
    assertEquals(
        "--hours must be from 1 to 8760, got 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> LoadFollowingBenchmark.OPTIONS.parse(new String[] {"--hours", "0"}))
            .getMessage());
  }

  @Test
  void aBadArgumentIsPrintedWithTheUsageAndExitsTwo() {
    String[] args = {"--rounds", "many"};
    assertNull(CommandsBenchmark.OPTIONS.read(args, stream(out), stream(err)));
    assertEquals(2, BenchOptions.exitCode(args));
    assertEquals(
        "flarewatch bench commands: --rounds must be a whole number, got 'many'\n"
            + "usage: flarewatch bench commands [--miners 0] [--rounds 20] [--warm-up 2]\n",
        err.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  private static PrintStream stream(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
