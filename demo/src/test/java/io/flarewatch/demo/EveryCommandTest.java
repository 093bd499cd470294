package io.flarewatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.launcher.Subcommand;
import io.flarewatch.launcher.Subcommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code flarewatch} commands with every module installed, as this module's class path has them
 * (the full distribution): every command is there, with its help, and each class the launcher names
 * exists and runs by its conventions.
 */
class EveryCommandTest {

  private static final ClassLoader LOADER = EveryCommandTest.class.getClassLoader();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Subcommands.installed("", LOADER)
        .run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void everyCommandTheIssueNamesIsThere() {
    assertEquals(
        List.of(
            "central",
            "edge",
            "simulator",
            "demo",
            "verify-report",
            "emissions",
            "password-hash",
            "bench",
            "test"),
        Subcommands.names());
  }

  @Test
  void everyCommandsMainClassIsInstalledHere() {
    assertEquals(Subcommands.ALL, Subcommands.installed("", LOADER).present());
  }

  @Test
  void eachCommandsHelpPrintsItsSynopsisAndExitsZero() throws Exception {
    for (Subcommand command : Subcommands.ALL) {
      if (command.ownHelp()) {
        continue; // the emissions calculator's own --help, checked below
      }
      out.reset();
      assertEquals(0, run(command.name(), "--help"), command.name());
      String help = out.toString(StandardCharsets.UTF_8);
      assertTrue(
          help.startsWith("usage: flarewatch " + command.name()), command.name() + ": " + help);
      assertTrue(help.contains(command.helpText(LOADER)), command.name());
    }
  }

  @Test
  void benchHelpNamesEveryBenchmarksOptions() throws Exception {
    assertEquals(0, run("bench", "--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("bench fleet [--sites 1000]"), help);
    assertTrue(help.contains("bench commands [--miners 0]"), help);
    assertTrue(help.contains("bench load-following [--miners 100]"), help);
  }

  @Test
  void emissionsHelpIsTheCalculatorsOwn() throws Exception {
    assertEquals(0, run("emissions", "--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--volume-scf"));
  }

  @Test
  void noCommandPrintsUsageOfEveryCommandAndExitsTwo() throws Exception {
    assertEquals(2, run());
    String usage = err.toString(StandardCharsets.UTF_8);
    for (Subcommand command : Subcommands.ALL) {
      assertTrue(usage.contains("flarewatch " + command.synopsis()), command.name());
    }
    assertFalse(usage.contains("also has"), "the full distribution lacks nothing:\n" + usage);
  }

  @Test
  void topLevelHelpExitsZero() throws Exception {
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("flarewatch central --config"));
  }

  @Test
  void badArgumentsOfACommandExitTwoWithoutRunningIt() throws Exception {
    assertEquals(2, run("demo", "--port", "9000"));
    assertEquals(2, run("bench", "everything"));
    assertEquals(2, run("verify-report", "--report"));
    assertEquals(2, run("test"));
    String errors = err.toString(StandardCharsets.UTF_8);
    assertTrue(errors.contains("flarewatch demo takes no arguments"), errors);
    assertTrue(errors.contains("usage: flarewatch bench polling|catch-up|ingest"), errors);
    assertTrue(errors.contains("from a source checkout"), errors);
  }
}
