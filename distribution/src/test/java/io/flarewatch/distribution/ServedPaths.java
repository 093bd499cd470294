package io.flarewatch.distribution;

import io.flarewatch.central.CentralApp;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.edge.EdgeApp;
import io.flarewatch.edge.config.EdgeConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What central and the edge answer on the paths a deploy file probes: each is started from the
 * deploy file's own config (on a free port, InfluxDB and devices out of reach) and asked.
 */
final class ServedPaths {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServedPaths() {}

  /** The status central answers for each path, with InfluxDB down. */
  static Map<String, Integer> central(CentralConfig config, List<String> paths) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      CentralApp central = CentralApp.start(vertx, config).await(30, TimeUnit.SECONDS);
      return statuses(central.port(), paths);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** The status the edge's metrics server answers for each path, its devices out of reach. */
  static Map<String, Integer> edge(EdgeConfig config, List<String> paths) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      EdgeApp edge = EdgeApp.start(vertx, config).await(30, TimeUnit.SECONDS);
      try {
        return statuses(edge.metricsPort().orElseThrow(), paths);
      } finally {
        edge.stop().await(30, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static Map<String, Integer> statuses(int port, List<String> paths)
      throws IOException, InterruptedException {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (String path : paths) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(10))
              .build();
      statuses.put(path, HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }
    return statuses;
  }
}
