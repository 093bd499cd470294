package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import io.flarewatch.config.HttpUrl;
import java.net.URI;
import java.time.Duration;

/**
 * The InfluxDB that stores everything, reached through its v1 HTTP API.
 *
 * @param url base URL, e.g. {@code http://127.0.0.1:8086}
 * @param database the database ingest writes the sites' data to; created at start when missing
 * @param centralDatabase central's own database (the audit log), which ingest never writes; default
 *     {@code <database>_central}, created at start when missing
 * @param username empty when InfluxDB has no authentication
 * @param password empty when InfluxDB has no authentication; never printed
 * @param sharedReadsMaxAgeSeconds how old, at most, the latest points shared by the requests and
 *     live streams of this process may be (fleet overview, site detail): one InfluxDB read serves
 *     every request within that time; default {@value #DEFAULT_SHARED_READS_MAX_AGE_SECONDS}, 0 to
 *     {@value #MAX_SHARED_READS_MAX_AGE_SECONDS}; 0 reads for every request
 */
public record InfluxConfig(
    @JsonProperty("url") URI url,
    @JsonProperty("database") String database,
    @JsonProperty("centralDatabase") String centralDatabase,
    @JsonProperty("username") String username,
    @JsonProperty("password") String password,
    @JsonProperty("sharedReadsMaxAgeSeconds") Integer sharedReadsMaxAgeSeconds) {

  /** Half an edge cycle of 10 s: the fleet overview at most one cycle behind. */
  public static final int DEFAULT_SHARED_READS_MAX_AGE_SECONDS = 5;

  public static final int MAX_SHARED_READS_MAX_AGE_SECONDS = 60;

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
    sharedReadsMaxAgeSeconds =
        sharedReadsMaxAgeSeconds == null
            ? DEFAULT_SHARED_READS_MAX_AGE_SECONDS
            : sharedReadsMaxAgeSeconds;
    check.that(
        sharedReadsMaxAgeSeconds >= 0
            && sharedReadsMaxAgeSeconds <= MAX_SHARED_READS_MAX_AGE_SECONDS,
        "sharedReadsMaxAgeSeconds",
        sharedReadsMaxAgeSeconds
            + " must be 0 (read for every request) to "
            + MAX_SHARED_READS_MAX_AGE_SECONDS
            + " seconds");
    check.orThrow();
  }

  /** Shared reads at their default maximum age. */
  public InfluxConfig(
      URI url, String database, String centralDatabase, String username, String password) {
    this(url, database, centralDatabase, username, password, null);
  }

  /** Central's own database named after the ingest database. */
  public InfluxConfig(URI url, String database, String username, String password) {
    this(url, database, null, username, password, null);
  }

  /** How old the shared reads may be. */
  public Duration sharedReadsMaxAge() {
    return Duration.ofSeconds(sharedReadsMaxAgeSeconds);
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
