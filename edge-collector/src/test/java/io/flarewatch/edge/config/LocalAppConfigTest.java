package io.flarewatch.edge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flarewatch.config.ConfigException;
import io.flarewatch.config.PasswordHash;
import io.flarewatch.config.YamlConfigReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalAppConfigTest {

  private static final String EDGE =
      """
      site: well-7
      central: {url: "http://127.0.0.1:8080", token: secret}
      buffer: {path: /var/lib/flarewatch/edge.db}
      """;

  private static EdgeConfig parse(String localApp) {
    return YamlConfigReader.parse(EDGE + localApp, EdgeConfig.class);
  }

  @Test
  void absentMeansNotServedAndAnEmptySectionTakesTheDefaults() {
    assertNull(parse("").localApp());
    LocalAppConfig local = parse("localApp: {}\n").localApp();
    assertEquals(8080, local.port());
    assertEquals("0.0.0.0", local.host());
    assertEquals(24, local.rollupHours());
    assertEquals(
        Path.of("/var/lib/flarewatch/edge.db.rollups"),
        local.rollupFile(Path.of("/var/lib/flarewatch/edge.db")));
    assertNull(local.maxLoadStepKw(), "no local commands unless asked for");
  }

  @Test
  void anAccountsHashIsReadAndNeverPrinted() {
    String hash = PasswordHash.of("pw-1".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    LocalAppConfig local =
        parse(
                "localApp:\n  accounts:\n    - {name: field, role: engineer, passwordHash: \""
                    + hash
                    + "\"}\n")
            .localApp();
    LocalAppConfig.Account account = local.accounts().get(0);
    assertEquals("ENGINEER", account.role());
    assertEquals(true, account.password().matches("pw-1".toCharArray()));
    assertFalse(local.toString().contains(hash.substring(30)), local.toString());
  }

  @Test
  void everyBadSettingIsNamed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    """
                    localApp:
                      port: 70000
                      rollupHours: 12
                      maxRollupRows: 10
                      maxLoadStepKw: 50
                      accounts:
                        - {name: field, role: BOSS, passwordHash: "md5$abc"}
                    """));
    List<String> problems = e.problems().stream().map(Object::toString).toList();
    assertEquals(
        List.of(
            "localApp.accounts[0].passwordHash: must look like pbkdf2-sha256$<iterations>$<salt"
                + " base64>$<hash base64>",
            "localApp.accounts[0].role: 'BOSS' is not one of [VIEWER, ENGINEER, OPERATOR, ADMIN]"),
        problems.stream().filter(p -> p.contains("accounts")).toList(),
        String.join("\n", problems));
    assertEquals(
        true,
        problems.containsAll(
            List.of(
                "localApp.port: 70000 is not a port number (0 to 65535)",
                "localApp.rollupHours: 12 is not 24 to 168",
                "localApp.maxRollupRows: 10 is not 10000 to 50000000")),
        String.join("\n", problems));
  }

  @Test
  void localCommandsNeedTheCommandsSection() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> parse("localApp: {maxLoadStepKw: 50}\n"));
    assertEquals(
        true,
        e.getMessage().startsWith("localApp.maxLoadStepKw: local commands run through"),
        e.getMessage());
  }
}
