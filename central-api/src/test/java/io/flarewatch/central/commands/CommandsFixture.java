package io.flarewatch.central.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.central.CentralApp;
import io.flarewatch.central.TestUsers;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.AuthConfig;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.CommandsConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.IngestConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.config.UserConfig;
import io.flarewatch.config.PasswordHash;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.SignedCommand;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A central with two sites on a real InfluxDB, for the command tests: {@code well-1} (100 kW rated,
 * so a 10 kW load step, ramp step 1 s) with four miners reported through ingest, and {@code well-2}
 * with no load step configured. Users: one per role over every site, and {@code op-of-well-2}, an
 * operator of well-2 only. Commands are signed with a key file, so a restarted central keeps it.
 */
final class CommandsFixture implements AutoCloseable {

  static final String SITE = "well-1";
  static final String OTHER_SITE = "well-2";
  static final String TOKEN = "ingest-token-of-well-1";
  static final String OTHER_TOKEN = "ingest-token-of-well-2";
  static final String SITE_OPERATOR = "op-of-well-2";
  static final List<String> MINERS = List.of("m-01", "m-02", "m-03", "m-04");
  private static final ObjectMapper JSON = new ObjectMapper();

  final Vertx vertx = Vertx.vertx();
  final WebClient client = WebClient.create(vertx);
  final CentralConfig config;
  CentralApp central;
  private final Map<String, String> tokens = new HashMap<>();
  private final List<WebSocket> sockets = new ArrayList<>();

  CommandsFixture(Path directory, int pingSeconds) throws IOException {
    this(directory, pingSeconds, null);
  }

  /** With these ingest limits ({@code null}: the defaults). */
  CommandsFixture(Path directory, int pingSeconds, IngestConfig ingest) throws IOException {
    Path key = directory.resolve("command-signing.pem");
    Files.writeString(
        key, Ed25519Signatures.privateKeyPem(Ed25519Signatures.newKeyPair().getPrivate()));
    List<UserConfig> users = new ArrayList<>(TestUsers.users());
    users.add(
        new UserConfig(
            SITE_OPERATOR,
            Role.OPERATOR,
            PasswordHash.of("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded(),
            List.of(OTHER_SITE)));
    config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(
                InfluxTestServer.shared().url(),
                InfluxTestServer.uniqueDatabase("commands"),
                null,
                null),
            List.of(
                new SiteConfig(
                    SITE,
                    null,
                    SiteConfig.sha256Hex(TOKEN),
                    null,
                    null,
                    null,
                    100.0,
                    null,
                    1,
                    null),
                new SiteConfig(OTHER_SITE, null, SiteConfig.sha256Hex(OTHER_TOKEN))),
            new AuthConfig(users, TestUsers.JWT_SECRET, null, null),
            null,
            ingest,
            new CommandsConfig(key.toString(), 600, 3_600, pingSeconds));
    central = CentralApp.start(vertx, config).await();
    String now = String.valueOf(Instant.now().minusSeconds(30).toEpochMilli());
    assertEquals(
        200,
        ingest(
                SITE,
                TOKEN,
                "miner,firmware=braiins_os,miner=m-01,site=well-1 up=1i,power_w=3200 "
                    + now
                    + "\nminer,firmware=braiins_os,miner=m-02,site=well-1 up=1i,power_w=3200 "
                    + now
                    + "\nminer,firmware=braiins_os,miner=m-03,site=well-1 up=1i,power_w=3200 "
                    + now
                    + "\nminer,firmware=luxos,miner=m-04,site=well-1 up=1i,power_w=3200 "
                    + now)
            .statusCode());
  }

  /** Stops central and starts it again on the same configuration (and so the same InfluxDB). */
  void restart() {
    central.stop().await();
    central = CentralApp.start(vertx, config).await();
    tokens.clear();
  }

  int port() {
    return central.port();
  }

  String token(String user) {
    return tokens.computeIfAbsent(
        port() + "/" + user,
        u -> {
          String password = user.equals(SITE_OPERATOR) ? "pw" : "pw-of-" + user;
          HttpResponse<Buffer> login = TestUsers.login(client, port(), user, password);
          assertEquals(200, login.statusCode(), login.bodyAsString());
          return login.bodyAsJsonObject().getString("token");
        });
  }

  String token(Role role) {
    return token(TestUsers.name(role));
  }

  /** POST a command as {@code user} with a fresh idempotency key. */
  HttpResponse<Buffer> issue(String site, String user, JsonObject body) {
    return issue(site, user, UUID.randomUUID().toString(), body);
  }

  HttpResponse<Buffer> issue(String site, String user, String key, JsonObject body) {
    HttpRequest<Buffer> request =
        client
            .post(port(), "127.0.0.1", "/api/v1/sites/" + site + "/commands")
            .bearerTokenAuthentication(token(user));
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    return request.sendBuffer(Buffer.buffer(body.encode())).await();
  }

  /** Issues a command as the operator and returns its id (201 expected). */
  String issued(JsonObject body) {
    HttpResponse<Buffer> response = issue(SITE, TestUsers.name(Role.OPERATOR), body);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getString("id");
  }

  static JsonObject sleepAll() {
    return new JsonObject().put("action", "sleep").put("targets", "all");
  }

  HttpResponse<Buffer> get(String path, String user) {
    return client
        .get(port(), "127.0.0.1", path)
        .bearerTokenAuthentication(token(user))
        .send()
        .await();
  }

  /** POST without a body as {@code user}. */
  HttpResponse<Buffer> post(String path, String user) {
    return client
        .post(port(), "127.0.0.1", path)
        .bearerTokenAuthentication(token(user))
        .send()
        .await();
  }

  JsonObject command(String id) {
    HttpResponse<Buffer> response =
        get("/api/v1/sites/" + SITE + "/commands/" + id, TestUsers.name(Role.VIEWER));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  HttpResponse<Buffer> cancel(String id, String user) {
    return client
        .post(port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/commands/" + id + "/cancel")
        .bearerTokenAuthentication(token(user))
        .send()
        .await();
  }

  /** Line protocol through the real ingest endpoint with a site token. */
  HttpResponse<Buffer> ingest(String site, String token, String lines) {
    return client
        .post(port(), "127.0.0.1", "/api/v1/sites/" + site + "/samples")
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(lines + "\n"))
        .await();
  }

  PublicKey publicKey() {
    HttpResponse<Buffer> response =
        client.get(port(), "127.0.0.1", "/api/v1/commands/public-key").send().await();
    assertEquals(200, response.statusCode());
    return Ed25519Signatures.readPublicKey(response.bodyAsString());
  }

  /** An edge's stream: every text frame it received. */
  Edge connect(String site, String bearer) {
    WebSocketClient sockets = vertx.createWebSocketClient();
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port())
            .setURI("/api/v1/sites/" + site + "/commands/stream");
    if (bearer != null) {
      options.addHeader("Authorization", "Bearer " + bearer);
    }
    Edge edge = new Edge();
    WebSocket socket =
        sockets.connect(options).onSuccess(ws -> ws.textMessageHandler(edge.frames::add)).await();
    edge.socket = socket;
    this.sockets.add(socket);
    return edge;
  }

  /** What an edge received. */
  static final class Edge {
    final List<String> frames = new CopyOnWriteArrayList<>();
    WebSocket socket;

    /** The envelopes received, each verified with central's key. */
    List<CommandEnvelope> envelopes(PublicKey centralKey) {
      List<CommandEnvelope> envelopes = new ArrayList<>();
      for (String frame : frames) {
        try {
          var json = JSON.readTree(frame);
          assertEquals("command", json.get("type").asText(), frame);
          envelopes.add(SignedCommand.fromJson(json.get("command")).verify(centralKey));
        } catch (IOException e) {
          throw new AssertionError("not JSON: " + frame, e);
        }
      }
      return envelopes;
    }

    List<String> ids(PublicKey centralKey) {
      return envelopes(centralKey).stream().map(CommandEnvelope::id).toList();
    }

    void close() {
      socket.close().await();
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
