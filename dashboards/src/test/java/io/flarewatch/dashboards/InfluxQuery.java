package io.flarewatch.dashboards;

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

/**
 * InfluxQL through InfluxDB's v1 {@code GET /query}, as Grafana's InfluxDB data source sends it.
 */
final class InfluxQuery {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final InfluxTarget target;
  private final String database;

  InfluxQuery(InfluxTarget target, String database) {
    this.target = target;
    this.database = database;
  }

  /** The result of the single statement: {@code series} and perhaps {@code error}. */
  JsonNode statement(String influxQl) {
    StringBuilder url =
        new StringBuilder(target.url().toString().replaceAll("/$", ""))
            .append("/query?epoch=ms&db=")
            .append(encode(database))
            .append("&q=")
            .append(encode(influxQl));
    if (!target.username().isEmpty()) {
      url.append("&u=").append(encode(target.username()));
      url.append("&p=").append(encode(target.password()));
    }
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url.toString()))
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (body.has("error")) {
        return body;
      }
      return body.path("results").path(0);
    } catch (IOException e) {
      throw new IllegalStateException("InfluxDB did not answer " + influxQl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
