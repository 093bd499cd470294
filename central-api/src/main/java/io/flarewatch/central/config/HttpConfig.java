package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.central.http.ClientAddress;
import io.flarewatch.config.ConfigException;
import java.util.List;

/**
 * The HTTP listener.
 *
 * @param host address to listen on
 * @param port 0 picks a free port (tests)
 * @param maxBodyBytes largest samples body accepted as sent (compressed or not; see {@code
 *     ingest.maxInflatedBytes} for after decompression)
 * @param trustedProxies reverse proxies (IP addresses or CIDR ranges) whose {@code X-Forwarded-For}
 *     names the client; from any other peer the header is ignored. Default none
 */
public record HttpConfig(
    @JsonProperty("host") String host,
    @JsonProperty("port") Integer port,
    @JsonProperty("maxBodyBytes") Long maxBodyBytes,
    @JsonProperty("trustedProxies") List<String> trustedProxies,
    @JsonProperty("tls") TlsConfig tls) {

  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

  public HttpConfig {
    host = host == null ? "0.0.0.0" : host;
    port = port == null ? DEFAULT_PORT : port;
    maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    if (port < 0 || port > 65535) {
      throw new ConfigException("http.port", port + " is not a port number (0 to 65535)");
    }
    if (maxBodyBytes < 1024 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw new ConfigException(
          "http.maxBodyBytes", maxBodyBytes + " is not 1024 to " + (Integer.MAX_VALUE - 8));
    }
    trustedProxies = trustedProxies == null ? List.of() : trustedProxies;
    for (int i = 0; i < trustedProxies.size(); i++) {
      try {
        ClientAddress.rule(trustedProxies.get(i));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("http.trustedProxies[" + i + "]", e.getMessage());
      }
    }
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** A listener behind no proxy. */
  public HttpConfig(String host, Integer port, Long maxBodyBytes) {
    this(host, port, maxBodyBytes, null, null);
  }

  /** A plain-HTTP listener behind these proxies. */
  public HttpConfig(String host, Integer port, Long maxBodyBytes, List<String> trustedProxies) {
    this(host, port, maxBodyBytes, trustedProxies, null);
  }

  public static HttpConfig defaults() {
    return new HttpConfig(null, null, null);
  }
}
