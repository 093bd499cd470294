package io.flarewatch.config;

import java.net.URI;
import java.util.Optional;

/** Checks and reads the base URL of an HTTP service given in a configuration. */
public final class HttpUrl {

  private HttpUrl() {}

  /**
   * What is wrong with {@code url} as the base URL of an HTTP service, or empty when nothing is.
   *
   * @param example a URL to show when it is missing, e.g. {@code http://127.0.0.1:8086}
   */
  public static Optional<String> problem(URI url, String example) {
    if (url == null) {
      return Optional.of("is required, e.g. " + example);
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      return Optional.of("'" + url + "' is not an http(s) URL");
    }
    if (url.getHost() == null) {
      return Optional.of("'" + url + "' has no host");
    }
    return Optional.empty();
  }

  /** Whether {@code url} is reached over TLS. */
  public static boolean ssl(URI url) {
    return "https".equals(url.getScheme());
  }

  /** The port of {@code url}: its own, else 443 for https, else {@code defaultHttpPort}. */
  public static int port(URI url, int defaultHttpPort) {
    return url.getPort() > 0 ? url.getPort() : ssl(url) ? 443 : defaultHttpPort;
  }
}
