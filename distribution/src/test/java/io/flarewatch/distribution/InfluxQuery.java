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

/** InfluxQL on a test's InfluxDB through its v1 HTTP API, for counting what was stored. */
record InfluxQuery(InfluxTarget influx, String database) {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The first value of the first row (e.g. a count); 0 when there is no row. */
  long count(String query) throws IOException, InterruptedException {
    URI uri =
        URI.create(
            influx.url()
                + "/query?db="
                + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + "&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (!influx.username().isEmpty()) {
      String credentials = influx.username() + ":" + influx.password();
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(query + ": " + response.statusCode() + " " + response.body());
    }
    JsonNode value =
        new ObjectMapper().readTree(response.body()).at("/results/0/series/0/values/0/1");
    return value.isMissingNode() ? 0 : value.asLong();
  }
}
