package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Central's API and this site's ingest token.
 *
 * @param url e.g. {@code https://central.example:8443}
 * @param token the site's ingest token (sent as a bearer token)
 * @param caCertPath a PEM file of the certificate authorities to trust for an {@code https} url
 *     instead of the JVM's (e.g. a private CA); absent, the JVM's trusted authorities
 */
public record CentralLink(
    @JsonProperty("url") URI url,
    @JsonProperty("token") String token,
    @JsonProperty("caCertPath") Path caCertPath) {

  public CentralLink {
    if (url == null || url.getHost() == null) {
      throw new ConfigException("central.url", "is required, e.g. http://127.0.0.1:8080");
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new ConfigException("central.url", "'" + url + "' is not an http(s) URL");
    }
    if (token == null || token.isBlank()) {
      throw new ConfigException("central.token", "is required");
    }
    if (caCertPath != null) {
      if (!"https".equals(url.getScheme())) {
        throw new ConfigException(
            "central.caCertPath", "applies to an https url only; central.url is " + url);
      }
      if (!Files.isReadable(caCertPath)) {
        throw new ConfigException("central.caCertPath", "'" + caCertPath + "' cannot be read");
      }
    }
  }

  /** A link trusting the JVM's certificate authorities. */
  public CentralLink(URI url, String token) {
    this(url, token, null);
  }

  public boolean ssl() {
    return "https".equals(url.getScheme());
  }

  public int port() {
    return url.getPort() > 0 ? url.getPort() : ssl() ? 443 : 80;
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
