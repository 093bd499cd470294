package io.flarewatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubcommandsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Subcommands.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void everyCommandTheIssueNamesIsThere() {
    List<String> names = Subcommands.ALL.stream().map(Subcommands.Subcommand::name).toList();
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
        names);
  }

  @Test
  void eachCommandsHelpPrintsItsSynopsisAndExitsZero() throws Exception {
    for (Subcommands.Subcommand command : Subcommands.ALL) {
      if (command.name().equals("emissions")) {
        continue; // its own --help, checked below
      }
      out.reset();
      assertEquals(0, run(command.name(), "--help"), command.name());
      String help = out.toString(StandardCharsets.UTF_8);
      assertTrue(
          help.startsWith("usage: flarewatch " + command.name()), command.name() + ": " + help);
      assertTrue(help.contains(command.help()), command.name());
    }
  }

  @Test
  void emissionsHelpIsTheCalculatorsOwn() throws Exception {
    assertEquals(0, run("emissions", "--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--volume-scf"));
  }

  @Test
  void noCommandPrintsUsageAndExitsTwo() throws Exception {
    assertEquals(2, run());
    String usage = err.toString(StandardCharsets.UTF_8);
    for (Subcommands.Subcommand command : Subcommands.ALL) {
      assertTrue(usage.contains("flarewatch " + command.synopsis()), command.name());
    }
  }

  @Test
  void topLevelHelpExitsZero() throws Exception {
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("flarewatch central --config"));
  }

  @Test
  void anUnknownCommandIsNamed() throws Exception {
    assertEquals(2, run("centrel", "--config", "x.yaml"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'centrel'"));
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
