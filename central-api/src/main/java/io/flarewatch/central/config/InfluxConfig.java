package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import java.net.URI;

/**
 * The InfluxDB that stores everything, reached through its v1 HTTP API.
 *
 * @param url base URL, e.g. {@code http://127.0.0.1:8086}
 * @param database the database ingest writes the sites' data to; created at start when missing
 * @param centralDatabase central's own database (the audit log), which ingest never writes; default
 *     {@code <database>_central}, created at start when missing
 * @param username empty when InfluxDB has no authentication
 * @param password empty when InfluxDB has no authentication
 */
public record InfluxConfig(
    @JsonProperty("url") URI url,
    @JsonProperty("database") String database,
    @JsonProperty("centralDatabase") String centralDatabase,
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
    centralDatabase = centralDatabase == null ? database + "_central" : centralDatabase;
    if (!centralDatabase.matches("[A-Za-z0-9_]{1,72}")) {
      throw new ConfigException(
          "influx.centralDatabase", "'" + centralDatabase + "' must be letters, digits or '_'");
    }
    if (centralDatabase.equals(database)) {
      throw new ConfigException(
          "influx.centralDatabase",
          "'" + centralDatabase + "' is the ingest database: central's own data must be apart");
    }
    username = username == null ? "" : username;
    password = password == null ? "" : password;
  }

  /** Central's own database named after the ingest database. */
  public InfluxConfig(URI url, String database, String username, String password) {
    this(url, database, null, username, password);
  }

  public boolean ssl() {
    return "https".equals(url.getScheme());
  }

  public int port() {
    return url.getPort() > 0 ? url.getPort() : ssl() ? 443 : 8086;
  }
}
