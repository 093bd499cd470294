package io.flarewatch.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.IngestConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits that keep a token holder (or anyone) from tying up central: one body decoded at a time
 * here, bodies due within 2 s, request heads within 1 s, 64 KiB as sent, 1 MiB inflated.
 */
class IngestLimitsIT {

  private static final String TOKEN = "limits-token";
  private static final String LINE = "generator,device=g1,site=limits power_kw=1 1760000000000\n";

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    central =
        CentralApp.start(
                vertx,
                new CentralConfig(
                    new HttpConfig("127.0.0.1", 0, 64L * 1024, null, null, 3, 1),
                    new InfluxConfig(
                        InfluxTestServer.shared().url(),
                        InfluxTestServer.uniqueDatabase("limits"),
                        null,
                        null),
                    List.of(new SiteConfig("limits", null, SiteConfig.sha256Hex(TOKEN))),
                    TestUsers.auth(),
                    null,
                    new IngestConfig(null, 1024L * 1024, 1, 2)))
            .await();
    client = WebClient.create(vertx);
    await().atMost(Duration.ofSeconds(30)).until(() -> post(LINE).statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void aBatchOverTheDecodingLimitIsA503WithRetryAfterAndTheSlotComesBack() throws IOException {
    try (Socket slow = new Socket("127.0.0.1", central.port())) {
      slow.getOutputStream().write(head(100).getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().write(LINE.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      await().atMost(Duration.ofSeconds(5)).until(() -> post(LINE).statusCode() == 503);
      HttpResponse<Buffer> busy = post(LINE);
      assertEquals(503, busy.statusCode(), busy.bodyAsString());
      assertEquals("1", busy.getHeader("Retry-After"));
      assertEquals(
          "https://flarewatch.io/problems/ingest-busy", busy.bodyAsJsonObject().getString("type"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> post(LINE).statusCode() == 200);
  }

  @Test
  void aBodyThatStallsIsA408AndFreesItsSlot() throws IOException {
    try (Socket stalled = new Socket("127.0.0.1", central.port())) {
      stalled.setSoTimeout(30_000);
      OutputStream out = stalled.getOutputStream();
      out.write(head(100).getBytes(StandardCharsets.US_ASCII));
      out.write(LINE.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertEquals(408, RawHttp.status(stalled.getInputStream()));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> post(LINE).statusCode() == 200);
  }

  @Test
  void aBodyDeclaredOverTheLimitIsA413BeforeItIsSent() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", central.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head(65 * 1024).getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      assertEquals(413, RawHttp.status(socket.getInputStream()));
    }
  }

  @Test
  void aBodyThatInflatesOverTheLimitIsA413() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(LINE.repeat(30_000).getBytes(StandardCharsets.US_ASCII));
    }
    assertTrue(bytes.size() < 64 * 1024, "small as sent: " + bytes.size());
    HttpResponse<Buffer> response =
        client
            .post(central.port(), "127.0.0.1", "/api/v1/sites/limits/samples")
            .bearerTokenAuthentication(TOKEN)
            .putHeader("Content-Type", "text/plain")
            .putHeader("Content-Encoding", "gzip")
            .sendBuffer(Buffer.buffer(bytes.toByteArray()))
            .await();
    assertEquals(413, response.statusCode(), response.bodyAsString());
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals("https://flarewatch.io/problems/body-too-large", problem.getString("type"));
  }

  /** Finding 9: connections sending a byte a second stayed open. */
  @Test
  void aConnectionTricklingItsRequestHeadIsClosedBeforeItCompletes() throws IOException {
    String head = head(LINE.length());
    try (Socket socket = new Socket("127.0.0.1", central.port())) {
      assertTrue(
          trickleUntilClosed(socket, head) < head.length(), "closed before the head was whole");
    }
  }

  @Test
  void aKeptAliveConnectionTricklingItsNextHeadIsClosedToo() throws IOException {
    String head = head(LINE.length());
    try (Socket socket = new Socket("127.0.0.1", central.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((head + LINE).getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      assertEquals(200, RawHttp.status(in));
      RawHttp.skipResponse(in);
      assertTrue(
          trickleUntilClosed(socket, head) < head.length(), "closed before the head was whole");
    }
  }

  /** Sends the text a byte a second; returns how many bytes went out before the server closed. */
  private static int trickleUntilClosed(Socket socket, String text) throws IOException {
    socket.setSoTimeout(1_000);
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    for (int sent = 0; sent < text.length(); sent++) {
      try {
        out.write(text.charAt(sent));
        out.flush();
      } catch (IOException closed) {
        return sent;
      }
      try {
        if (in.read() < 0) {
          return sent + 1;
        }
      } catch (SocketTimeoutException stillOpen) {
        continue;
      } catch (IOException reset) {
        return sent + 1;
      }
    }
    return text.length();
  }

  private static String head(int contentLength) {
    return "POST /api/v1/sites/limits/samples HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n"
        + "Authorization: Bearer "
        + TOKEN
        + "\r\n"
        + "Content-Type: text/plain\r\n"
        + "Content-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  private static HttpResponse<Buffer> post(String body) {
    return client
        .post(central.port(), "127.0.0.1", "/api/v1/sites/limits/samples")
        .bearerTokenAuthentication(TOKEN)
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(body))
        .await();
  }
}
