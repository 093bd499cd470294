package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;

/**
 * Where the edge serves its metrics ({@code GET /metrics}, Prometheus text format).
 *
 * @param host address to listen on, default 0.0.0.0
 * @param port default 9102; 0 picks a free port
 */
public record MetricsConfig(@JsonProperty("host") String host, @JsonProperty("port") Integer port) {

  public MetricsConfig {
    host = host == null ? "0.0.0.0" : host;
    port = port == null ? 9102 : port;
    ConfigCheck check = new ConfigCheck();
    check.that(port >= 0 && port <= 65535, "port", port + " is not a port number (0 to 65535)");
    check.orThrow();
  }
}
