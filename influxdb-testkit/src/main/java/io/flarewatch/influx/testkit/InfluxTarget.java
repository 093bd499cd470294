package io.flarewatch.influx.testkit;

import java.net.URI;

/** Where tests reach a real InfluxDB 1.x HTTP API, and with which credentials (may be empty). */
public record InfluxTarget(URI url, String username, String password, String origin) {

  public int port() {
    return url.getPort() > 0 ? url.getPort() : 8086;
  }

  public String host() {
    return url.getHost();
  }
}
