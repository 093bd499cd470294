package io.flarewatch.central.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.config.ConfigException;
import io.flarewatch.config.YamlConfigReader;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralConfigTest {

  @Test
  void theDocumentedExampleIsValid() {
    CentralConfig config =
        YamlConfigReader.load(Path.of("config/central.example.yaml"), CentralConfig.class);
    SiteConfig site = config.site("well-7").orElseThrow();
    assertTrue(site.acceptsToken("test"), "the example hash is sha256('test')");
    assertFalse(site.acceptsToken("Test"));
    assertTrue(site.emissionsParameters().isPresent());
    assertEquals(8080, config.http().port());
    assertEquals(60, site.offlineAfterSeconds());
    assertEquals(10, site.pollIntervalSeconds());
    assertEquals(128.0, site.maxLoadStepKw());
    assertEquals(20, config.commands().pingSeconds());
  }

  @Test
  void siteIntervalsDefaultAndAreChecked() {
    String site = "sites:\n  - {id: a, ingestTokenSha256: \"" + "a".repeat(64) + "\"";
    String base =
        "influx: {url: \"http://127.0.0.1:8086\"}\n"
            + "auth: {jwtSecret: \"a-test-secret-of-at-least-32-bytes!!\"}\n"
            + site;
    SiteConfig defaults = YamlConfigReader.parse(base + "}\n", CentralConfig.class).sites().get(0);
    assertEquals(60, defaults.offlineAfterSeconds());
    assertEquals(10, defaults.pollIntervalSeconds());
    assertEquals(
        "sites[a].pollIntervalSeconds: 0 is not a number of seconds from 1 to 86400",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base + ", pollIntervalSeconds: 0}\n", CentralConfig.class))
            .getMessage());
    assertEquals(
        "sites[a].offlineAfterSeconds: -5 is not a number of seconds from 1 to 86400",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base + ", offlineAfterSeconds: -5}\n", CentralConfig.class))
            .getMessage());
  }

  @Test
  void siteCommandSettingsDefaultAndAreChecked() {
    String base =
        "influx: {url: \"http://127.0.0.1:8086\"}\n"
            + "auth: {jwtSecret: \"a-test-secret-of-at-least-32-bytes!!\"}\n"
            + "sites:\n  - {id: a, ingestTokenSha256: \""
            + "a".repeat(64)
            + "\"";
    SiteConfig none = YamlConfigReader.parse(base + "}\n", CentralConfig.class).sites().get(0);
    assertEquals(null, none.maxLoadStepKw(), "no rating, no load step: the site takes no commands");
    assertEquals(5, none.rampStepSeconds());
    assertEquals(3_500, none.minerWattsDefault());
    SiteConfig rated =
        YamlConfigReader.parse(base + ", ratedKw: 1280}\n", CentralConfig.class).sites().get(0);
    assertEquals(128.0, rated.maxLoadStepKw(), 1e-9);
    assertEquals(
        "sites[a].maxLoadStepKw: 200.0 is more than the site's ratedKw (100.0)",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base + ", ratedKw: 100, maxLoadStepKw: 200}\n", CentralConfig.class))
            .getMessage());
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> YamlConfigReader.parse(base + ", ratedKw: -1}\n", CentralConfig.class))
            .getMessage()
            .startsWith("sites[a].ratedKw: -1.0 is not a power above 0"));
    assertEquals(
        "sites[a].rampStepSeconds: 0 is not a number of seconds from 1 to 86400",
        assertThrows(
                ConfigException.class,
                () -> YamlConfigReader.parse(base + ", rampStepSeconds: 0}\n", CentralConfig.class))
            .getMessage());
  }

  @Test
  void commandSettingsAreCheckedEachNamingItsKey() {
    String base =
        "influx: {url: \"http://127.0.0.1:8086\"}\n"
            + "auth: {jwtSecret: \"a-test-secret-of-at-least-32-bytes!!\"}\n";
    CommandsConfig defaults = YamlConfigReader.parse(base, CentralConfig.class).commands();
    assertEquals(900, defaults.defaultExpirySeconds());
    assertEquals(86_400, defaults.maxExpirySeconds());
    assertEquals(20, defaults.pingSeconds());
    assertEquals(
        2,
        YamlConfigReader.parse(
                base + "http: {idleTimeoutSeconds: 5, requestHeadTimeoutSeconds: 5}\n",
                CentralConfig.class)
            .commands()
            .pingSeconds(),
        "absent, the ping fits a short idle timeout");
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                YamlConfigReader.parse(
                    base
                        + "commands: {signingKeyFile: /nonexistent/key.pem, maxExpirySeconds: 30,"
                        + " defaultExpirySeconds: 5, pingSeconds: 0}\n",
                    CentralConfig.class));
    assertEquals(
        java.util.List.of(
            "commands.signingKeyFile",
            "commands.maxExpirySeconds",
            "commands.defaultExpirySeconds",
            "commands.pingSeconds"),
        bad.problems().stream().map(p -> p.key()).toList(),
        bad.getMessage());
    assertEquals(
        "commands.pingSeconds: 60 is not less than http.idleTimeoutSeconds (60): the command"
            + " stream would be closed as idle between pings",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base + "commands: {pingSeconds: 60}\n", CentralConfig.class))
            .getMessage());
  }

  @Test
  void clusterIsOffByDefaultAndCheckedWhenOn(@TempDir Path dir) throws Exception {
    String base =
        "influx: {url: \"http://127.0.0.1:8086\"}\n"
            + "auth: {jwtSecret: \"a-test-secret-of-at-least-32-bytes!!\"}\n";
    ClusterConfig off = YamlConfigReader.parse(base, CentralConfig.class).cluster();
    assertFalse(off.enabled());
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                YamlConfigReader.parse(
                    base
                        + "cluster: {enabled: true, host: central-1, port: 70000, eventBusPort:"
                        + " 0, members: [\"a b\"]}\n",
                    CentralConfig.class));
    assertEquals(
        List.of("cluster.port", "cluster.eventBusPort", "cluster.host", "cluster.members[0]"),
        bad.problems().stream().map(p -> p.key()).toList(),
        bad.getMessage());
    assertEquals(
        List.of("cluster.members"),
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base + "cluster: {enabled: true}\n", CentralConfig.class))
            .problems()
            .stream()
            .map(p -> p.key())
            .toList());
    String on = "cluster: {enabled: true, members: [central, \"10.0.0.7:5801\"]}\n";
    assertEquals(
        "commands.signingKeyFile",
        assertThrows(
                ConfigException.class, () -> YamlConfigReader.parse(base + on, CentralConfig.class))
            .problems()
            .get(0)
            .key(),
        "every replica must sign with one key");
    Path key = dir.resolve("key.pem");
    Files.writeString(
        key, Ed25519Signatures.privateKeyPem(Ed25519Signatures.newKeyPair().getPrivate()));
    String keys =
        "commands: {signingKeyFile: \"" + key + "\"}\nreports: {signingKeyFile: \"" + key + "\"}\n";
    ClusterConfig cluster = YamlConfigReader.parse(base + on + keys, CentralConfig.class).cluster();
    assertTrue(cluster.enabled());
    assertEquals(List.of("central:5701", "10.0.0.7:5801"), cluster.memberAddresses());
    assertEquals(5702, cluster.eventBusPort());
  }

  @Test
  void errorsNameTheKey() {
    // a valid auth section, so that each case has the one bad setting it names
    String base =
        "auth: {jwtSecret: \"a-test-secret-of-at-least-32-bytes!!\"}\n"
            + "influx: {url: \"http://127.0.0.1:8086\"}\nsites:\n  - {id: a, ingestTokenSha256: \""
            + "a".repeat(64)
            + "\"}\n";
    assertEquals(
        "sites[a].ingestTokenSha256: must be the 64 lower-case hex digits of the SHA-256 of the"
            + " site's ingest token",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base.replace("a".repeat(64), "xyz"), CentralConfig.class))
            .getMessage());
    assertEquals(
        "influx.url: 'ftp://x' is not an http(s) URL",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base.replace("http://127.0.0.1:8086", "ftp://x"), CentralConfig.class))
            .getMessage());
    assertEquals(
        "sites[1].id: 'a' is listed twice",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base + "  - {id: a, ingestTokenSha256: \"" + "b".repeat(64) + "\"}\n",
                        CentralConfig.class))
            .getMessage());
    assertEquals(
        "http.tls.keyPath: is required: the PEM file of the private key",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base + "http: {tls: {certPath: config/central.example.yaml}}\n",
                        CentralConfig.class))
            .getMessage());
    assertEquals(
        "http.tls.certPath: '/nonexistent/cert.pem' cannot be read",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base
                            + "http: {tls: {keyPath: config/central.example.yaml,"
                            + " certPath: /nonexistent/cert.pem}}\n",
                        CentralConfig.class))
            .getMessage());
    assertEquals(
        "http.trustedProxies[1]: '10.0.0.0/40' has a prefix that is not 0 to 32",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base + "http: {trustedProxies: [192.0.2.7, 10.0.0.0/40]}\n",
                        CentralConfig.class))
            .getMessage());
    assertEquals(
        "http.trustedProxies[0]: 'proxy.example' is not an IP address or a CIDR range such as"
            + " 10.0.0.0/8",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        base + "http: {trustedProxies: [proxy.example]}\n", CentralConfig.class))
            .getMessage());
    assertEquals(
        "http.port: 70000 is not a port number (0 to 65535)",
        assertThrows(
                ConfigException.class,
                () -> YamlConfigReader.parse(base + "http: {port: 70000}\n", CentralConfig.class))
            .getMessage());
  }

  @Test
  void ingestLimitsTimeoutsAndCentralsDatabaseDefaultAndAreChecked() {
    String base =
        "influx: {url: \"http://127.0.0.1:8086\", database: fw}\n"
            + "auth: {jwtSecret: \"a-test-secret-of-at-least-32-bytes!!\"}\n";
    CentralConfig defaults = YamlConfigReader.parse(base, CentralConfig.class);
    assertEquals("fw_central", defaults.influx().centralDatabase());
    assertEquals(300, defaults.ingest().maxFutureSkewSeconds());
    assertEquals(16L * 1024 * 1024, defaults.ingest().maxInflatedBytes());
    assertEquals(8, defaults.ingest().maxConcurrentDecodes());
    assertEquals(60, defaults.ingest().bodyTimeoutSeconds());
    assertEquals(60, defaults.http().idleTimeoutSeconds());
    assertEquals(10, defaults.http().requestHeadTimeoutSeconds());
    String token = "\"" + "a".repeat(64) + "\"";
    String[][] bad = {
      {"ingest: {maxFutureSkewSeconds: -1}", "ingest.maxFutureSkewSeconds"},
      {"ingest: {maxInflatedBytes: 10}", "ingest.maxInflatedBytes"},
      {"ingest: {maxConcurrentDecodes: 0}", "ingest.maxConcurrentDecodes"},
      {"ingest: {bodyTimeoutSeconds: 0}", "ingest.bodyTimeoutSeconds"},
      {"http: {idleTimeoutSeconds: 0}", "http.idleTimeoutSeconds"},
      {
        "http: {idleTimeoutSeconds: 5, requestHeadTimeoutSeconds: 6}",
        "http.requestHeadTimeoutSeconds"
      },
      {"influx: {url: \"http://h\", database: fw, centralDatabase: fw}", "influx.centralDatabase"},
      {
        "sites:\n  - {id: a, ingestTokenSha256: "
            + token
            + "}\n  - {id: b, ingestTokenSha256: "
            + token
            + "}",
        "sites[b].ingestTokenSha256"
      },
    };
    for (String[] config : bad) {
      String yaml =
          config[0].startsWith("influx")
              ? config[0] + "\nauth: {jwtSecret: \"a-test-secret-of-at-least-32-bytes!!\"}\n"
              : base + config[0] + "\n";
      ConfigException e =
          assertThrows(
              ConfigException.class, () -> YamlConfigReader.parse(yaml, CentralConfig.class));
      assertTrue(e.getMessage().startsWith(config[1] + ":"), e.getMessage());
    }
  }
}
