package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import io.flarewatch.config.HttpUrl;
import java.net.URI;

/**
 * The InfluxDB that stores everything, reached through its v1 HTTP API.
 *
 * @param url base URL, e.g. {@code http://127.0.0.1:8086}
 * @param database the database ingest writes the sites' data to; created at start when missing
 * @param centralDatabase central's own database (the audit log), which ingest never writes; default
 *     {@code <database>_central}, created at start when missing
 * @param username empty when InfluxDB has no authentication
 * @param password empty when InfluxDB has no authentication; never printed
 */
public record InfluxConfig(
    @JsonProperty("url") URI url,
    @JsonProperty("database") String database,
    @JsonProperty("centralDatabase") String centralDatabase,
    @JsonProperty("username") String username,
    @JsonProperty("password") String password) {

  public InfluxConfig {
    database = database == null ? "flarewatch" : database;
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    ConfigCheck check = new ConfigCheck();
    HttpUrl.problem(url, "http://127.0.0.1:8086").ifPresent(p -> check.problem("url", p));
    check.that(
        database.matches("[A-Za-z0-9_]{1,64}"),
        "database",
        "'" + database + "' must be 1 to 64 letters, digits or '_'");
    // a name derived from the database is checked with the database; a configured one here
    boolean derived = centralDatabase == null;
    centralDatabase = derived ? database + "_central" : centralDatabase;
    check.that(
        derived || centralDatabase.matches("[A-Za-z0-9_]{1,72}"),
        "centralDatabase",
        "'" + centralDatabase + "' must be letters, digits or '_'");
    check.that(
        !centralDatabase.equals(database),
        "centralDatabase",
        "'" + centralDatabase + "' is the ingest database: central's own data must be apart");
    check.orThrow();
  }

  /** Central's own database named after the ingest database. */
  public InfluxConfig(URI url, String database, String username, String password) {
    this(url, database, null, username, password);
  }

  public boolean ssl() {
    return HttpUrl.ssl(url);
  }

  public int port() {
    return HttpUrl.port(url, 8086);
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "InfluxConfig[url="
        + url
        + ", database="
        + database
        + ", username="
        + username
        + ", password="
        + (password.isEmpty() ? "" : "***")
        + "]";
  }
}
