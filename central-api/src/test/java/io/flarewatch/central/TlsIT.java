package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.config.TlsConfig;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Central serving HTTPS with a PEM key and certificate from its config. */
class TlsIT {

  private static Vertx vertx;
  private static CentralApp central;
  private static SelfSignedCertificate certificate;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create("localhost");
    TlsConfig tls =
        new TlsConfig(
            Path.of(certificate.privateKeyPath()), Path.of(certificate.certificatePath()));
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("localhost", 0, null, List.of(), tls),
            new InfluxConfig(
                InfluxTestServer.shared().url(),
                InfluxTestServer.uniqueDatabase("tls"),
                null,
                null),
            List.of(new SiteConfig("well-1", null, SiteConfig.sha256Hex("ingest"))),
            TestUsers.auth());
    central = CentralApp.start(vertx, config).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    certificate.delete();
  }

  private static WebClient client(WebClientOptions options) {
    return WebClient.create(vertx, options.setDefaultHost("localhost"));
  }

  @Test
  void aClientTrustingTheCertificateLogsInAndReadsOverHttps() {
    WebClient client =
        client(new WebClientOptions().setSsl(true).setTrustOptions(certificate.trustOptions()));
    HttpResponse<Buffer> login =
        client
            .post(central.port(), "localhost", "/api/v1/auth/token")
            .sendJsonObject(
                new io.vertx.core.json.JsonObject()
                    .put("username", TestUsers.name(Role.VIEWER))
                    .put("password", TestUsers.password(Role.VIEWER)))
            .await();
    assertEquals(200, login.statusCode(), login.bodyAsString());
    HttpResponse<Buffer> status =
        client
            .get(central.port(), "localhost", "/api/v1/sites/well-1/status")
            .bearerTokenAuthentication(login.bodyAsJsonObject().getString("token"))
            .send()
            .await();
    assertEquals(200, status.statusCode(), status.bodyAsString());
    String hsts = status.getHeader("Strict-Transport-Security");
    assertTrue(hsts != null && hsts.startsWith("max-age="), "HSTS: " + hsts);
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() {
    WebClient client = client(new WebClientOptions().setSsl(true));
    assertThrows(
        Exception.class, () -> client.get(central.port(), "localhost", "/health").send().await());
  }

  @Test
  void plainHttpGetsNoAnswer() {
    WebClient client = client(new WebClientOptions());
    assertThrows(
        Exception.class, () -> client.get(central.port(), "localhost", "/health").send().await());
  }
}
