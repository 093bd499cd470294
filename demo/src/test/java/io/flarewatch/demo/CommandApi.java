package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Central's command API as an operator uses it, for the end-to-end command tests. */
final class CommandApi {

  /** States after which nothing changes. */
  static final Set<String> FINAL =
      Set.of("succeeded", "partially_succeeded", "failed", "rejected", "expired", "canceled");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String site;
  private volatile int port;
  private volatile String bearer;

  CommandApi(String site, int port, String bearer) {
    this.site = site;
    this.port = port;
    this.bearer = bearer;
  }

  /** After a central restart: its port and a new token. */
  void reconnect(int newPort, String newBearer) {
    this.port = newPort;
    this.bearer = newBearer;
  }

  String commandsUrl() {
    return "http://127.0.0.1:" + port + "/api/v1/sites/" + site + "/commands";
  }

  /** POSTs a command with a fresh idempotency key as the administrator. */
  HttpResponse<String> post(JsonObject body) {
    return post(body, "Bearer " + bearer, UUID.randomUUID().toString());
  }

  HttpResponse<String> post(JsonObject body, String authorization, String idempotencyKey) {
    return send(
        HttpRequest.newBuilder(URI.create(commandsUrl()))
            .header("Authorization", authorization)
            .header("Idempotency-Key", idempotencyKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build());
  }

  /** Issues a command and answers its id; fails the test unless central answered 201. */
  String issue(JsonObject body) {
    HttpResponse<String> response = post(body);
    assertEquals(201, response.statusCode(), response.body());
    return new JsonObject(response.body()).getString("id");
  }

  /** The command in full ({@code GET .../commands/{id}}). */
  JsonObject get(String id) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(commandsUrl() + "/" + id))
                .header("Authorization", "Bearer " + bearer)
                .timeout(Duration.ofSeconds(10))
                .build());
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body());
  }

  /** Cancels a command as the administrator; fails the test unless central answered 200. */
  JsonObject cancel(String id) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(commandsUrl() + "/" + id + "/cancel"))
                .header("Authorization", "Bearer " + bearer)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body());
  }

  /** The site's command history. */
  JsonArray list() {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(commandsUrl()))
                .header("Authorization", "Bearer " + bearer)
                .timeout(Duration.ofSeconds(10))
                .build());
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body()).getJsonArray("commands");
  }

  /** Waits until the command reaches a final state and answers it in full. */
  JsonObject awaitFinal(String id, Duration atMost) {
    AtomicReference<JsonObject> last = new AtomicReference<>();
    await("command " + id + " final at central")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              last.set(get(id));
              return FINAL.contains(last.get().getString("state"));
            });
    return last.get();
  }

  /** Waits until the command shows {@code state}. */
  JsonObject awaitState(String id, String state, Duration atMost) {
    AtomicReference<JsonObject> last = new AtomicReference<>();
    await("command " + id + " " + state + " at central")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              last.set(get(id));
              return state.equals(last.get().getString("state"));
            });
    return last.get();
  }

  /** Each targeted miner's row ({@code miners}) by miner id. */
  static Map<String, JsonObject> minerRows(JsonObject command) {
    Map<String, JsonObject> rows = new TreeMap<>();
    for (Object row : command.getJsonArray("miners")) {
      JsonObject r = (JsonObject) row;
      rows.put(r.getString("miner"), r);
    }
    return rows;
  }

  /** The command's body: {@code action} on {@code targets} ("all" or a list of miner ids). */
  static JsonObject body(String action, Object targets) {
    return new JsonObject()
        .put("action", action)
        .put("targets", targets instanceof List<?> l ? new JsonArray(l) : targets);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
