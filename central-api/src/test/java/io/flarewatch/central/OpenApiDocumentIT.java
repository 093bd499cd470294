package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the OpenAPI document true: its operations are exactly the routes central serves, its
 * security and minimum roles are what the server enforces, and its query parameters (with their
 * examples) are accepted by the handlers.
 */
class OpenApiDocumentIT {

  /** The documented site: every path parameter's example names it. */
  private static final String SITE = "well-7";

  private static final String INGEST_TOKEN = "ingest-token";

  /**
   * The documented command's idempotency key: the command id is derived from site, user and key, so
   * the document's example id names the command the admin issues with it below.
   */
  private static final String EXAMPLE_COMMAND_KEY = "openapi-example";

  private static final Set<String> PUBLIC =
      Set.of(
          "POST /api/v1/auth/token",
          "GET /api/v1/openapi.yaml",
          "GET /api/v1/reports/public-key",
          "GET /api/v1/commands/public-key",
          "GET /health",
          "GET /metrics");

  /** The web app's static files (page, scripts, WebJars): served to browsers, not API calls. */
  private static final Set<String> WEB_APP_ROUTES = Set.of("/", "/app/", "/app/vendor/");

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;
  private static JsonNode document;
  private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

  @BeforeAll
  static void start() throws Exception {
    JsonNode emissions =
        new ObjectMapper()
            .readTree(
                """
                {"gasComposition": {"CH4": 0.9, "C2H6": 0.05, "CO2": 0.03, "N2": 0.02},
                 "compositionSource": "test", "flare": {"efficiency": 0.98, "source": "test"},
                 "engine": {"type": "FOUR_STROKE_LEAN_BURN"}}
                """);
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(
                InfluxTestServer.shared().url(),
                InfluxTestServer.uniqueDatabase("openapi"),
                null,
                null),
            List.of(
                new SiteConfig(
                    SITE,
                    null,
                    SiteConfig.sha256Hex(INGEST_TOKEN),
                    emissions,
                    null,
                    null,
                    500.0,
                    null,
                    null,
                    null)),
            TestUsers.auth());
    vertx = Vertx.vertx();
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
    for (Role role : Role.values()) {
      TOKENS.put(role, TestUsers.token(client, central.port(), role));
    }
    issueTheDocumentedCommand();
    startTheDocumentedRollupRebuild();
    HttpResponse<Buffer> served =
        client.get(central.port(), "127.0.0.1", "/api/v1/openapi.yaml").send().await();
    assertEquals(200, served.statusCode());
    assertEquals("application/yaml", served.getHeader("Content-Type"));
    document = new YAMLMapper().readTree(served.bodyAsString());
  }

  /**
   * The rollup rebuild of the documented range, whose id (named by the range) the document's
   * example id is.
   */
  private static void startTheDocumentedRollupRebuild() {
    HttpResponse<Buffer> rebuild =
        client
            .post(central.port(), "127.0.0.1", "/api/v1/reports/rollups")
            .addQueryParam("from", "2026-01-01")
            .addQueryParam("to", "2026-02-01")
            .bearerTokenAuthentication(TOKENS.get(Role.ADMIN))
            .send()
            .await();
    assertEquals(202, rebuild.statusCode(), rebuild.bodyAsString());
  }

  /** A miner for the site and the command the document's example id names. */
  private static void issueTheDocumentedCommand() {
    HttpResponse<Buffer> miner =
        client
            .post(central.port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/samples")
            .putHeader("Authorization", "Bearer " + INGEST_TOKEN)
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(
                Buffer.buffer(
                    "miner,miner=m-1,site=" + SITE + " up=1i " + System.currentTimeMillis()))
            .await();
    assertEquals(200, miner.statusCode(), miner.bodyAsString());
    HttpResponse<Buffer> command =
        client
            .post(central.port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/commands")
            .bearerTokenAuthentication(TOKENS.get(Role.ADMIN))
            .putHeader("Idempotency-Key", EXAMPLE_COMMAND_KEY)
            .sendJsonObject(new JsonObject().put("action", "sleep").put("targets", "all"))
            .await();
    assertEquals(201, command.statusCode(), command.bodyAsString());
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void isAnOpenApi31DocumentServedAsYaml() {
    assertTrue(
        document.path("openapi").asText().startsWith("3.1."), document.path("openapi").asText());
    assertFalse(document.path("info").path("title").asText().isEmpty());
    assertTrue(document.path("paths").size() > 0);
    assertTrue(document.at("/components/schemas/Problem/properties").has("detail"));
  }

  @Test
  void documentsExactlyTheRoutesTheRouterServes() {
    Set<String> served = new TreeSet<>();
    Set<String> middleware = new TreeSet<>();
    for (Route route : central.router().getRoutes()) {
      if (route.getPath() != null && WEB_APP_ROUTES.contains(route.getPath())) {
        continue;
      }
      if (route.getPath() == null) {
        assertTrue(
            route.methods() == null || route.methods().isEmpty(),
            "a route without a plain path (a regex route) cannot be checked: " + route.methods());
        continue;
      }
      if (route.methods() == null || route.methods().isEmpty()) {
        middleware.add(route.getPath());
        continue;
      }
      for (HttpMethod method : route.methods()) {
        served.add(method.name() + " " + route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}"));
      }
    }
    assertEquals(
        Set.of("/api/"),
        middleware,
        "routes for every method (middleware) are not documented; only the body handler is one");
    assertEquals(documentedOperations(), served);
  }

  @Test
  void everyOperationDeclaresSecurityAndOnlyThePublicOnesNone() {
    for (String operation : documentedOperations()) {
      JsonNode op = operation(operation);
      assertTrue(op.has("security"), operation + " declares no security");
      boolean open = op.get("security").isEmpty();
      assertEquals(
          PUBLIC.contains(operation), open, operation + " security: " + op.get("security"));
      if (op.get("security").toString().contains("bearerJwt")) {
        Role minimum = Role.valueOf(op.path("x-minimum-role").asText());
        assertTrue(
            op.path("description").asText().contains("Minimum role: " + minimum + "."),
            operation + " says its minimum role in its description");
      }
    }
  }

  @Test
  void documentedSecurityIsEnforced() {
    for (String operation : documentedOperations()) {
      JsonNode op = operation(operation);
      String security = op.get("security").toString();
      HttpResponse<Buffer> anonymous = request(operation, null, null).send().await();
      if (PUBLIC.contains(operation)) {
        assertNotEquals(401, anonymous.statusCode(), operation);
        assertNotEquals(403, anonymous.statusCode(), operation);
      } else {
        assertEquals(401, anonymous.statusCode(), operation + " without a token");
        assertEquals("application/problem+json", anonymous.getHeader("Content-Type"), operation);
      }
      if (security.contains("bearerJwt")) {
        Role minimum = Role.valueOf(op.path("x-minimum-role").asText());
        if (minimum.ordinal() > 0) {
          Role below = Role.values()[minimum.ordinal() - 1];
          assertEquals(
              403,
              request(operation, TOKENS.get(below), null).send().await().statusCode(),
              operation + " as " + below);
        }
      }
    }
  }

  @Test
  void everyDocumentedQueryParameterOfEveryGetIsAccepted() {
    for (String operation : documentedOperations()) {
      if (!operation.startsWith("GET ")) {
        continue;
      }
      if (operation(operation).get("security").toString().contains("siteIngestToken")) {
        continue; // the edge's WebSocket: a plain GET is a 426 (see CommandStreamIT)
      }
      List<JsonNode> query = parameters(operation, "query");
      if (isEventStream(operation)) {
        assertTrue(query.isEmpty(), operation + ": a stream takes no query parameters here");
        assertEquals("200 text/event-stream", streamHead(operation, TOKENS.get(Role.ADMIN)));
        continue;
      }
      HttpResponse<Buffer> all = request(operation, TOKENS.get(Role.ADMIN), null).send().await();
      assertEquals(
          200,
          all.statusCode(),
          operation + " with every documented parameter: " + all.bodyAsString());
      for (JsonNode parameter : query) {
        if (parameter.path("required").asBoolean()) {
          String name = parameter.get("name").asText();
          HttpResponse<Buffer> without =
              request(operation, TOKENS.get(Role.ADMIN), name).send().await();
          assertEquals(400, without.statusCode(), operation + " without required " + name);
          assertTrue(
              without.bodyAsJsonObject().getString("type").endsWith("/missing-parameter"),
              operation + " without " + name + ": " + without.bodyAsString());
        }
      }
    }
  }

  /** "METHOD /path" of every documented operation. */
  private static Set<String> documentedOperations() {
    Set<String> operations = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              method -> {
                if (!method.equals("parameters")) {
                  operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
              });
    }
    return operations;
  }

  private static JsonNode operation(String operation) {
    String[] methodAndPath = operation.split(" ", 2);
    return document
        .get("paths")
        .get(methodAndPath[1])
        .get(methodAndPath[0].toLowerCase(java.util.Locale.ROOT));
  }

  /** The operation's parameters in {@code in}, references resolved; each must have an example. */
  private static List<JsonNode> parameters(String operation, String in) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode parameter : operation(operation).path("parameters")) {
      JsonNode resolved =
          parameter.has("$ref")
              ? document.at(parameter.get("$ref").asText().substring(1))
              : parameter;
      if (resolved.path("in").asText().equals(in)) {
        assertTrue(
            resolved.has("example"),
            operation + " parameter " + resolved.path("name") + " needs an example");
        found.add(resolved);
      }
    }
    return found;
  }

  /** Whether the operation answers a stream of server-sent events, which never ends by itself. */
  private static boolean isEventStream(String operation) {
    return operation(operation).at("/responses/200/content").has("text/event-stream");
  }

  /**
   * The status and media type of a stream's answer, read from its head; the connection is closed
   * then, since the stream would go on.
   */
  private static String streamHead(String operation, String token) {
    HttpClient http = vertx.createHttpClient();
    try {
      return http.request(
              new RequestOptions()
                  .setMethod(HttpMethod.GET)
                  .setHost("127.0.0.1")
                  .setPort(central.port())
                  .setURI(examplePath(operation))
                  .putHeader("Authorization", "Bearer " + token))
          .compose(HttpClientRequest::send)
          .map(
              response ->
                  response.statusCode()
                      + " "
                      + response.getHeader("Content-Type").replaceAll(";.*", ""))
          .await();
    } finally {
      http.close().await();
    }
  }

  /** The operation's path with every path parameter set to its example. */
  private static String examplePath(String operation) {
    String path = operation.split(" ", 2)[1];
    for (JsonNode parameter : parameters(operation, "path")) {
      path =
          path.replace(
              "{" + parameter.get("name").asText() + "}", parameter.get("example").asText());
    }
    return path;
  }

  /**
   * A request for the operation: path parameters and every documented query parameter (except
   * {@code leaveOut}) set to their examples.
   */
  private static HttpRequest<Buffer> request(String operation, String token, String leaveOut) {
    String[] methodAndPath = operation.split(" ", 2);
    String path = examplePath(operation);
    HttpRequest<Buffer> request =
        client.request(HttpMethod.valueOf(methodAndPath[0]), central.port(), "127.0.0.1", path);
    for (JsonNode parameter : parameters(operation, "query")) {
      String name = parameter.get("name").asText();
      if (!name.equals(leaveOut)) {
        request.addQueryParam(name, parameter.get("example").asText());
      }
    }
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request;
  }
}
