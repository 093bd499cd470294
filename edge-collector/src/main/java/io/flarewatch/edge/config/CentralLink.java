package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import io.flarewatch.config.HttpUrl;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Central's API and this site's ingest token.
 *
 * @param url e.g. {@code https://central.example:8443}
 * @param token the site's ingest token (sent as a bearer token; never printed)
 * @param caCertPath a PEM file of the certificate authorities to trust for an {@code https} url
 *     instead of the JVM's (e.g. a private CA); absent, the JVM's trusted authorities
 */
public record CentralLink(
    @JsonProperty("url") URI url,
    @JsonProperty("token") String token,
    @JsonProperty("caCertPath") Path caCertPath) {

  public CentralLink {
    ConfigCheck check = new ConfigCheck();
    Optional<String> urlProblem = HttpUrl.problem(url, "http://127.0.0.1:8080");
    urlProblem.ifPresent(p -> check.problem("url", p));
    check.that(token != null && !token.isBlank(), "token", "is required");
    if (caCertPath != null) {
      if (urlProblem.isEmpty()) {
        check.that(
            HttpUrl.ssl(url), "caCertPath", "applies to an https url only; central.url is " + url);
      }
      check.that(Files.isReadable(caCertPath), "caCertPath", "'" + caCertPath + "' cannot be read");
    }
    check.orThrow();
  }

  /** A link trusting the JVM's certificate authorities. */
  public CentralLink(URI url, String token) {
    this(url, token, null);
  }

  public boolean ssl() {
    return HttpUrl.ssl(url);
  }

  public int port() {
    return HttpUrl.port(url, 80);
  }

  @Override
  public String toString() {
    return "CentralLink[url="
        + url
        + ", token=***"
        + (caCertPath == null ? "" : ", caCertPath=" + caCertPath)
        + "]";
  }
}
