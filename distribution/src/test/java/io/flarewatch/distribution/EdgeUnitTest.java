package io.flarewatch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.launcher.Subcommands;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The edge's systemd unit against the Debian package that installs it and the config it ships
 * (EdgePackageIT checks the built package itself, and installs it where it may).
 */
class EdgeUnitTest {

  static final String UNIT = "deploy/systemd/flarewatch-edge.service";
  static final String CONFIG = "/etc/flarewatch/edge.yaml";
  static final String STATE = "/var/lib/flarewatch";

  private final SystemdUnit unit = SystemdUnit.parse(Repository.read(UNIT));
  private final String pom = Repository.read("distribution/pom.xml");

  @Test
  void runsThePackagedLauncherOnThePackagedConfig() {
    List<String> command = unit.execStart();
    assertEquals(4, command.size(), "launcher edge --config file: " + command);
    assertTrue(Subcommands.names().contains(command.get(1)));
    assertEquals("edge", command.get(1));
    assertEquals(List.of("--config", CONFIG), command.subList(2, 4));
    Path launcher = Path.of(command.get(0));
    assertTrue(
        pom.contains("<prefix>" + launcher.getParent() + "</prefix>")
            && pom.contains("<src>${project.basedir}/src/bin/" + launcher.getFileName() + "</src>"),
        "the package installs the launcher at " + launcher);
    assertTrue(pom.contains("<dst>" + CONFIG + "</dst>"), "the package installs " + CONFIG);
    assertEquals(CONFIG, Repository.read("distribution/src/deb/control/conffiles").strip());
  }

  @Test
  void runsAsItsOwnUserThatThePackageMakes() {
    assertEquals("flarewatch", unit.get("Service.User"));
    assertEquals("flarewatch", unit.get("Service.Group"));
    String postinst = Repository.read("distribution/src/deb/control/postinst");
    assertTrue(
        postinst.matches("(?s).*adduser --system --group --home " + STATE + " .* flarewatch\n.*"),
        "postinst makes the system user flarewatch");
    assertTrue(postinst.contains("chown flarewatch:flarewatch " + STATE));
  }

  @Test
  void restartsOnFailureAndIsHardened() {
    Map<String, String> expected =
        Map.of(
            "Service.Restart", "on-failure",
            "Service.NoNewPrivileges", "yes",
            "Service.ProtectSystem", "strict",
            "Service.ReadWritePaths", STATE,
            "Service.PrivateTmp", "yes",
            "Service.ProtectHome", "yes",
            "Service.StateDirectory", "flarewatch",
            "Service.CapabilityBoundingSet", "",
            "Install.WantedBy", "multi-user.target");
    expected.forEach((key, value) -> assertEquals(value, unit.get(key), key));
    // a bad config exits 2 at once: restarting it would only fill the journal
    assertEquals("2", unit.get("Service.RestartPreventExitStatus"));
    assertTrue(pom.contains("<path>" + STATE + "</path>"), "the package makes " + STATE);
  }

  @Test
  void thePackagedConfigBuffersWhereTheServiceMayWrite() {
    EdgeConfig config =
        DeployConfigs.edge(Repository.read("edge-collector/config/edge.example.yaml"));
    assertTrue(
        config.buffer().path().startsWith(Path.of(unit.get("Service.ReadWritePaths"))),
        config.buffer().path() + " is under ReadWritePaths");
  }
}
