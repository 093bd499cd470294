package io.flarewatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.config.PasswordHash;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Central's YAML file for a central started as a process of its own ({@link JvmProcess}): one site
 * taking commands on the shared test InfluxDB, the admin {@link LocalSystem#USER}; and the admin's
 * login to it.
 */
final class CentralProcessConfig {

  private CentralProcessConfig() {}

  /**
   * Writes the config to {@code file}.
   *
   * @param pingSeconds central's command stream ping; the idle timeout is kept well above it
   * @param extraYaml more top-level sections, as YAML lines ending in a newline; "" for none
   */
  static Path write(
      Path file,
      int port,
      String database,
      String site,
      String token,
      String password,
      String jwtSecret,
      Path signingKey,
      int pingSeconds,
      String extraYaml)
      throws IOException {
    String yaml =
        String.join(
            "\n",
            "http: {host: 127.0.0.1, port: "
                + port
                + ", idleTimeoutSeconds: "
                + Math.max(60, 3 * pingSeconds)
                + "}",
            "influx: {url: \""
                + InfluxTestServer.shared().url()
                + "\", database: "
                + database
                + "}",
            "auth:",
            "  jwtSecret: \"" + jwtSecret + "\"",
            "  users:",
            "    - {name: "
                + LocalSystem.USER
                + ", role: ADMIN, passwordHash: \""
                + PasswordHash.of(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded()
                + "\"}",
            "sites:",
            "  - {id: "
                + site
                + ", ingestTokenSha256: \""
                + SiteConfig.sha256Hex(token)
                + "\", ratedKw: 100, maxLoadStepKw: 100, rampStepSeconds: 1}",
            "commands: {signingKeyFile: \"" + signingKey + "\", pingSeconds: " + pingSeconds + "}",
            extraYaml);
    Files.writeString(file, yaml);
    return file;
  }

  /** The admin's bearer token from the central on {@code port}. */
  static String login(int port, String password) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            new JsonObject()
                                .put("username", LocalSystem.USER)
                                .put("password", password)
                                .encode()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body()).getString("token");
  }
}
