package io.flarewatch.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.influx.testkit.InfluxTarget;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * InfluxQL on a test's InfluxDB through its v1 HTTP API, for counting what was stored, running
 * statements and writing line protocol.
 */
record InfluxQuery(InfluxTarget influx, String database) {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The first value of the first row (e.g. a count); 0 when there is no row. */
  long count(String query) throws IOException, InterruptedException {
    HttpRequest.Builder request = request("/query?db=" + encode(database) + "&q=" + encode(query));
    JsonNode value = results(query, request.build()).at("/0/series/0/values/0/1");
    return value.isMissingNode() ? 0 : value.asLong();
  }

  /**
   * Runs statements (joined with ';') by POST, as InfluxDB wants for those that change something;
   * returns the {@code results} array, one element per statement.
   */
  JsonNode post(String statements) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        request("/query?db=" + encode(database))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("q=" + encode(statements)));
    return results(statements, request.build());
  }

  /** Writes line protocol with millisecond timestamps to the database's default policy. */
  void write(String lines) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            request("/write?precision=ms&db=" + encode(database))
                .POST(HttpRequest.BodyPublishers.ofString(lines))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 204) {
      throw new IllegalStateException("write: " + response.statusCode() + " " + response.body());
    }
  }

  private JsonNode results(String query, HttpRequest request)
      throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(query + ": " + response.statusCode() + " " + response.body());
    }
    return new ObjectMapper().readTree(response.body()).path("results");
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(influx.url() + pathAndQuery))
            .timeout(Duration.ofSeconds(10));
    if (!influx.username().isEmpty()) {
      String credentials = influx.username() + ":" + influx.password();
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
