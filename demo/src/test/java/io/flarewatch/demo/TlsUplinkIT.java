package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flarewatch.central.CentralApp;
import io.flarewatch.central.config.AuthConfig;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.config.TlsConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.SqliteSampleBuffer;
import io.flarewatch.edge.config.CentralLink;
import io.flarewatch.edge.config.UplinkConfig;
import io.flarewatch.edge.uplink.UplinkStats;
import io.flarewatch.edge.uplink.UplinkVerticle;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's uplink to a central serving HTTPS with its own certificate: delivered when the edge
 * trusts the certificate's authority (its {@code central.caCertPath}), refused, and kept in the
 * buffer, when it trusts another.
 */
class TlsUplinkIT {

  private static final String SITE = "tls-site";
  private static final String TOKEN = "tls-ingest-token";
  private static final int LINES = 25;

  @TempDir Path dir;
  private Vertx vertx;
  private static SelfSignedCertificate centralCertificate;
  private static SelfSignedCertificate otherAuthority;
  private CentralApp central;
  private InfluxClient influx;
  private SqliteSampleBuffer buffer;
  private final UplinkStats stats = new UplinkStats();

  @BeforeAll
  static void certificates() {
    centralCertificate = SelfSignedCertificate.create("localhost");
    otherAuthority = SelfSignedCertificate.create("localhost");
  }

  @AfterAll
  static void deleteCertificates() {
    centralCertificate.delete();
    otherAuthority.delete();
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    InfluxConfig storage =
        new InfluxConfig(
            InfluxTestServer.shared().url(), InfluxTestServer.uniqueDatabase("tls"), null, null);
    central =
        CentralApp.start(
                vertx,
                new CentralConfig(
                    new HttpConfig(
                        "localhost",
                        0,
                        null,
                        List.of(),
                        new TlsConfig(
                            Path.of(centralCertificate.privateKeyPath()),
                            Path.of(centralCertificate.certificatePath()))),
                    storage,
                    List.of(new SiteConfig(SITE, null, SiteConfig.sha256Hex(TOKEN))),
                    AuthConfig.noUsers()))
            .await();
    influx = new InfluxClient(vertx, storage);
    influx.createDatabase().await();
    buffer = SqliteSampleBuffer.open(dir.resolve("edge.db"), 1 << 24, Clock.systemUTC());
    List<String> lines = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < LINES; i++) {
      lines.add("generator,device=gen-1,site=" + SITE + " power_kw=" + i + " " + (now - i * 1000L));
    }
    buffer.append(lines, Map.of());
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    buffer.close();
  }

  private void deployUplink(String trustedAuthorityPem) {
    vertx
        .deployVerticle(
            new UplinkVerticle(
                SITE,
                new CentralLink(
                    URI.create("https://localhost:" + central.port()),
                    TOKEN,
                    Path.of(trustedAuthorityPem)),
                new UplinkConfig(10, 10L, 50L, 5_000L, 30_000L, 10_000.0),
                new BufferExecutor(vertx, buffer),
                stats,
                Clock.systemUTC()))
        .await();
  }

  private long stored() {
    return InfluxRows.rows(
            influx, "SELECT count(\"power_kw\") FROM \"generator\" WHERE \"site\" = '" + SITE + "'")
        .stream()
        .mapToLong(row -> row.getLong("count"))
        .sum();
  }

  @Test
  void theUplinkDeliversToCentralWhenItTrustsItsAuthority() {
    deployUplink(centralCertificate.certificatePath());
    await("every line sent").atMost(Duration.ofSeconds(60)).until(() -> stats.linesSent() == LINES);
    assertEquals(0, stats.failures());
    assertEquals(0, buffer.stats().lines());
    assertEquals(LINES, stored());
  }

  @Test
  void theUplinkRefusesACertificateOfAnotherAuthorityAndKeepsItsLines() {
    deployUplink(otherAuthority.certificatePath());
    await("two refused attempts").atMost(Duration.ofSeconds(60)).until(() -> stats.failures() >= 2);
    assertEquals(0, stats.linesSent());
    assertEquals(LINES, buffer.stats().lines());
    assertEquals(0, stored());
  }
}
