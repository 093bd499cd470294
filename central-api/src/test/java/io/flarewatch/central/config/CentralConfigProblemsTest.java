package io.flarewatch.central.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flarewatch.config.ConfigException;
import io.flarewatch.config.YamlConfigReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every bad setting at once, and no secret in what a config prints. */
class CentralConfigProblemsTest {

  private static final String SECRET = "a-jwt-secret-of-at-least-32-bytes!!";
  private static final String INFLUX_PASSWORD = "influx-password-7";

  @Test
  void badSettingsOfSeveralSectionsAreReportedTogether() {
    String yaml =
        """
        http: {port: 70000}
        influx: {url: "ftp://x", database: "no such"}
        sites:
          - {id: a, ingestTokenSha256: xyz}
        auth: {jwtSecret: short}
        """;
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> YamlConfigReader.parse(yaml, CentralConfig.class));
    assertEquals(
        List.of(
            "http.port: 70000 is not a port number (0 to 65535)",
            "influx.url: 'ftp://x' is not an http(s) URL",
            "influx.database: 'no such' must be 1 to 64 letters, digits or '_'",
            "sites[a].ingestTokenSha256: must be the 64 lower-case hex digits of the SHA-256 of"
                + " the site's ingest token",
            "auth.jwtSecret: must be at least 32 bytes of random text, e.g. from: openssl rand"
                + " -base64 48"),
        e.problems().stream().map(Object::toString).toList());
  }

  @Test
  void sharedReadsMaxAgeOutOfRangeIsNamed() {
    String yaml =
        "influx: {url: \"http://127.0.0.1:8086\", sharedReadsMaxAgeSeconds: -1}\n"
            + "auth: {jwtSecret: \""
            + SECRET
            + "\"}\n";
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> YamlConfigReader.parse(yaml, CentralConfig.class));
    assertEquals(
        List.of(
            "influx.sharedReadsMaxAgeSeconds: -1 must be 0 (read for every request) to 60"
                + " seconds"),
        e.problems().stream().map(Object::toString).toList());
    String unset = yaml.replace(", sharedReadsMaxAgeSeconds: -1", "");
    assertEquals(
        5, YamlConfigReader.parse(unset, CentralConfig.class).influx().sharedReadsMaxAgeSeconds());
  }

  @Test
  void noSecretIsPrinted() {
    String yaml =
        "influx: {url: \"http://127.0.0.1:8086\", username: flarewatch, password: "
            + INFLUX_PASSWORD
            + "}\n"
            + "auth: {jwtSecret: \""
            + SECRET
            + "\"}\n";
    CentralConfig config = YamlConfigReader.parse(yaml, CentralConfig.class);
    String printed = config.toString();
    assertFalse(printed.contains(INFLUX_PASSWORD), printed);
    assertFalse(printed.contains(SECRET), printed);
    assertEquals(
        "InfluxConfig[url=http://127.0.0.1:8086, database=flarewatch, username=flarewatch,"
            + " password=***]",
        config.influx().toString());
  }
}
