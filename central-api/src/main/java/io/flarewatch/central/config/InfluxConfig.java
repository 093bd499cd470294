package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import java.net.URI;

/**
 * The InfluxDB that stores everything, reached through its v1 HTTP API.
 *
 * @param url base URL, e.g. {@code http://127.0.0.1:8086}
 * @param database database name; created at start when missing
 * @param username empty when InfluxDB has no authentication
 * @param password empty when InfluxDB has no authentication
 */
public record InfluxConfig(
    @JsonProperty("url") URI url,
    @JsonProperty("database") String database,
    @JsonProperty("username") String username,
    @JsonProperty("password") String password) {

  public InfluxConfig {
    if (url == null) {
      throw new ConfigException("influx.url", "is required, e.g. http://127.0.0.1:8086");
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new ConfigException("influx.url", "'" + url + "' is not an http(s) URL");
    }
    if (url.getHost() == null) {
      throw new ConfigException("influx.url", "'" + url + "' has no host");
    }
    database = database == null ? "flarewatch" : database;
    if (!database.matches("[A-Za-z0-9_]{1,64}")) {
      throw new ConfigException(
          "influx.database", "'" + database + "' must be 1 to 64 letters, digits or '_'");
    }
    username = username == null ? "" : username;
    password = password == null ? "" : password;
  }

  public boolean ssl() {
    return "https".equals(url.getScheme());
  }

  public int port() {
    return url.getPort() > 0 ? url.getPort() : ssl() ? 443 : 8086;
  }
}
