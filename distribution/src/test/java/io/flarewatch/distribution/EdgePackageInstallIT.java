package io.flarewatch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Installs the edge's Debian package on this machine with {@code dpkg -i}, checks its files, user
 * and systemd unit, runs the installed edge (the unit's ExecStart as the unit's User and Group, as
 * systemd would) against a simulated site and central for one cycle, and purges the package. It
 * needs root and dpkg: elsewhere it says why it did not run; in CI it fails instead.
 */
class EdgePackageInstallIT {

  private static final String PACKAGE = "flarewatch-edge";
  private static final String UNIT = "/lib/systemd/system/flarewatch-edge.service";

  @Test
  void installsChecksAndRunsTheEdgeForOneCycle() throws Exception {
    EdgePackage.requireDpkg("install the edge's Debian package");
    EdgePackage.requireRoot("install the edge's Debian package");
    boolean installedAlready =
        Commands.run("dpkg-query", "-W", "-f=${Status}", PACKAGE)
            .output()
            .equals("install ok installed");
    EdgePackage.require(
        !installedAlready,
        "NOT RUN: "
            + PACKAGE
            + " is installed on this machine already; this test installs and purges its own"
            + " copy, so it leaves an installed one alone");
    boolean userExisted = Commands.run("getent", "passwd", "flarewatch").exitCode() == 0;
    Path deb = DistributionArtifactsIT.deb();
    try {
      Commands.ok("dpkg", "-i", deb.toString());
      checkInstalledFiles();
      checkUnit();
      runOneCycle();
    } finally {
      Commands.ok("dpkg", "--purge", PACKAGE);
      if (!userExisted) {
        Commands.ok("deluser", "--system", "flarewatch");
      }
    }
    assertFalse(Files.exists(Path.of("/usr/share/flarewatch")), "purge removes the programs");
    assertFalse(Files.exists(Path.of(EdgeUnitTest.STATE)), "purge removes the state");
  }

  private static void checkInstalledFiles() {
    assertEquals("install ok installed", Commands.ok("dpkg-query", "-W", "-f=${Status}", PACKAGE));
    String[] user = Commands.ok("getent", "passwd", "flarewatch").strip().split(":");
    assertTrue(Integer.parseInt(user[2]) < 1000, "a system user: " + String.join(":", user));
    assertEquals(EdgeUnitTest.STATE, user[5], "its home");
    assertTrue(user[6].endsWith("nologin") || user[6].endsWith("false"), "no login: " + user[6]);
    assertEquals(
        "flarewatch:flarewatch 750",
        Commands.ok("stat", "-c", "%U:%G %a", EdgeUnitTest.STATE).strip());
    assertEquals(
        "root:flarewatch 640",
        Commands.ok("stat", "-c", "%U:%G %a", EdgeUnitTest.CONFIG).strip(),
        "the config (it holds the site's token) is the service's to read, nobody else's");
    assertEquals(
        "/usr/share/flarewatch/bin/flarewatch",
        Commands.ok("readlink", "-f", "/usr/bin/flarewatch").strip());
    String help = Commands.ok("/usr/bin/flarewatch", "edge", "--help");
    assertTrue(help.startsWith("usage: flarewatch edge --config"), help);
  }

  private static void checkUnit() {
    EdgePackage.require(
        Commands.available("systemd-analyze"),
        "NOT RUN: systemd-analyze (package systemd) is needed to verify the installed unit");
    Commands verify = Commands.run("systemd-analyze", "verify", UNIT);
    assertEquals(0, verify.exitCode(), "systemd-analyze verify " + UNIT + ":\n" + verify.output());
    assertFalse(
        verify.output().contains("flarewatch-edge.service:"),
        "no complaint about the unit:\n" + verify.output());
  }

  /**
   * Central and a simulated site in this JVM, and the installed edge started as the unit starts it,
   * with the installed config edited to point at them.
   */
  private static void runOneCycle() throws Exception {
    SystemdUnit unit = SystemdUnit.parse(Files.readString(Path.of(UNIT)));
    Process edge = null;
    Path log = DistributionArtifactsIT.target().resolve("installed-edge.log");
    try (SiteForOneCycle site = SiteForOneCycle.start()) {
      try {
        Path config = Path.of(EdgeUnitTest.CONFIG);
        Files.writeString(config, site.edgeConfig(Files.readString(config), tree -> {}));

        // as systemd starts it: the unit's command, exec'd as its user and group
        String user = unit.get("Service.User");
        List<String> command =
            new ArrayList<>(
                List.of(
                    "setpriv",
                    "--reuid=" + user,
                    "--regid=" + unit.get("Service.Group"),
                    "--init-groups",
                    "--"));
        command.addAll(unit.execStart());
        edge =
            new ProcessBuilder(command)
                .directory(new File(unit.get("Service.WorkingDirectory")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        site.awaitCycle(edge, log);
        assertEquals(
            "flarewatch",
            Commands.ok("stat", "-c", "%U", EdgeUnitTest.STATE + "/edge-buffer.db").strip(),
            "the buffer is the service user's");
      } finally {
        SiteForOneCycle.stop(edge);
      }
    }
  }
}
