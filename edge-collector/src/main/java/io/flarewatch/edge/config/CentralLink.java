package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import java.net.URI;

/**
 * Central's API and this site's ingest token.
 *
 * @param url e.g. {@code http://central.example:8080}
 * @param token the site's ingest token (sent as a bearer token)
 */
public record CentralLink(@JsonProperty("url") URI url, @JsonProperty("token") String token) {

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
  }

  public boolean ssl() {
    return "https".equals(url.getScheme());
  }

  public int port() {
    return url.getPort() > 0 ? url.getPort() : ssl() ? 443 : 80;
  }

  @Override
  public String toString() {
    return "CentralLink[url=" + url + ", token=***]";
  }
}
