package io.flarewatch.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dispatch by class name, on this module's own class path, which holds none of the commands'
 * modules (as the edge's package lacks central's): only {@code test} is installed here, and the
 * {@link Commands} below stand for installed ones.
 */
class SubcommandsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Subcommands commands, String... args) throws Exception {
    return commands.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Subcommands edgePackage() {
    return Subcommands.installed("flarewatch-edge", SubcommandsTest.class.getClassLoader());
  }

  @Test
  void aCommandWhoseModuleIsAbsentSaysSoAndExitsTwo() throws Exception {
    assertEquals(2, run(edgePackage(), "central", "--config", "central.yaml"));
    assertEquals(
        "flarewatch central is not part of this package (flarewatch-edge): its module central-api"
            + " is not installed; install the full distribution (flarewatch-<version>.tar.gz)"
            + " to run it.",
        err().strip());
    assertEquals("", out());
  }

  @Test
  void anAbsentCommandsHelpSaysTheSame() throws Exception {
    assertEquals(2, run(edgePackage(), "verify-report", "--help"));
    assertTrue(err().contains("flarewatch verify-report is not part of this package"), err());
    assertTrue(err().contains("its module central-api is not installed"), err());
  }

  @Test
  void withoutAPackageNameItSpeaksOfTheInstallation() throws Exception {
    Subcommands commands = Subcommands.installed("", SubcommandsTest.class.getClassLoader());
    assertEquals(2, run(commands, "bench", "polling"));
    assertTrue(
        err()
            .startsWith(
                "flarewatch bench is not part of this installation: its module"
                    + " demo is not installed"),
        err());
  }

  @Test
  void helpListsOnlyTheInstalledCommandsAndNamesTheOthers() throws Exception {
    assertEquals(0, run(edgePackage(), "--help"));
    List<String> listed = out().lines().filter(line -> line.startsWith("  flarewatch ")).toList();
    assertEquals(List.of("  flarewatch test"), listed);
    assertTrue(
        out()
            .contains(
                "This package (flarewatch-edge) has these commands only; the full distribution"
                    + " (flarewatch-<version>.tar.gz) also has: central, edge, simulator, demo,"
                    + " verify-report, emissions, password-hash, bench."),
        out());
  }

  @Test
  void anUnknownCommandIsNamedAndExitsTwo() throws Exception {
    assertEquals(2, run(edgePackage(), "centrel"));
    assertTrue(err().startsWith("flarewatch: unknown command 'centrel'"), err());
  }

  @Test
  void everyInstalledCommandIsListedWithItsSynopsis() throws Exception {
    assertEquals(0, run(Commands.all(), "--help"));
    for (Subcommand command : Commands.LIST) {
      assertTrue(out().contains("  flarewatch " + command.synopsis() + "\n"), command.name());
    }
    assertFalse(out().contains("also has"), out());
  }

  @Test
  void eachMainConventionRunsWithTheArgumentsAfterTheName() throws Exception {
    assertEquals(3, run(Commands.all(), "static-run", "a", "b"));
    assertEquals(4, run(Commands.all(), "instance-run", "a", "b", "c"));
    assertEquals(0, run(Commands.all(), "plain-main", "x"));
    assertEquals("static-run a b\ninstance-run a b c\n", out());
    assertEquals(List.of("x"), Commands.PlainMain.calls);
  }

  @Test
  void helpIsTheTablesTheClassesOrTheCommandsOwn() throws Exception {
    assertEquals(0, run(Commands.all(), "static-run", "--help"));
    assertEquals(0, run(Commands.all(), "help-constant", "-h"));
    assertEquals(
        "usage: flarewatch static-run [ARG...]\n\nprints its arguments\n"
            + "usage: flarewatch help-constant\n\nhelp from the class\n",
        out());
    out.reset();
    assertEquals(1, run(Commands.all(), "own-help", "--help"));
    assertEquals("own-help --help\n", out());
  }

  @Test
  void aMissingClassAtRunTimeIsNamedInsteadOfAStackTrace() throws Exception {
    ClassLoader lacking = new Lacking(Commands.Needed.class.getName());
    Subcommands commands = new Subcommands(Commands.LIST, "flarewatch-edge", lacking);
    assertEquals(1, run(commands, "needs-missing"));
    assertEquals(
        "flarewatch needs-missing cannot run in this package (flarewatch-edge): a class it needs"
            + " (io/flarewatch/launcher/Commands$Needed) is not installed; install the full"
            + " distribution (flarewatch-<version>.tar.gz) to run it.",
        err().strip());
  }

  @Test
  void aClassPathLackingACommandsJarLeavesItOutOfTheList() throws Exception {
    ClassLoader lacking = new Lacking(Commands.StaticRun.class.getName());
    Subcommands commands = new Subcommands(Commands.LIST, "flarewatch-edge", lacking);
    assertEquals(2, run(commands, "static-run"));
    assertTrue(err().contains("its module fixtures is not installed"), err());
    assertEquals(0, run(commands, "--help"));
    assertFalse(out().contains("flarewatch static-run"), out());
    assertTrue(out().contains("also has: static-run."), out());
  }

  /** This module's classes loaded afresh, without the ones named: a class path that lacks a jar. */
  private static final class Lacking extends URLClassLoader {
    private final List<String> hidden;

    Lacking(String... hidden) {
      super(
          new URL[] {
            SubcommandsTest.class.getProtectionDomain().getCodeSource().getLocation(),
            Subcommands.class.getProtectionDomain().getCodeSource().getLocation()
          },
          ClassLoader.getPlatformClassLoader());
      this.hidden = new ArrayList<>(List.of(hidden));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (hidden.contains(name)) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
