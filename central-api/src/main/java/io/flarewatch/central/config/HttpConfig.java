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
 * @param idleTimeoutSeconds a connection with nothing read or written for this long is closed
 *     (default 60)
 * @param requestHeadTimeoutSeconds a new connection must deliver a whole request head (request line
 *     and headers) within this time (default 10), and a kept-alive one its next head within {@code
 *     idleTimeoutSeconds} of the previous one, or it is closed: a client sending a byte now and
 *     then cannot hold a connection
 */
public record HttpConfig(
    @JsonProperty("host") String host,
    @JsonProperty("port") Integer port,
    @JsonProperty("maxBodyBytes") Long maxBodyBytes,
    @JsonProperty("trustedProxies") List<String> trustedProxies,
    @JsonProperty("tls") TlsConfig tls,
    @JsonProperty("idleTimeoutSeconds") Integer idleTimeoutSeconds,
    @JsonProperty("requestHeadTimeoutSeconds") Integer requestHeadTimeoutSeconds) {

  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
  public static final int DEFAULT_REQUEST_HEAD_TIMEOUT_SECONDS = 10;

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
    idleTimeoutSeconds =
        idleTimeoutSeconds == null ? DEFAULT_IDLE_TIMEOUT_SECONDS : idleTimeoutSeconds;
    if (idleTimeoutSeconds < 1 || idleTimeoutSeconds > 3_600) {
      throw new ConfigException(
          "http.idleTimeoutSeconds", idleTimeoutSeconds + " is not 1 to 3600 seconds");
    }
    requestHeadTimeoutSeconds =
        requestHeadTimeoutSeconds == null
            ? DEFAULT_REQUEST_HEAD_TIMEOUT_SECONDS
            : requestHeadTimeoutSeconds;
    if (requestHeadTimeoutSeconds < 1 || requestHeadTimeoutSeconds > idleTimeoutSeconds) {
      throw new ConfigException(
          "http.requestHeadTimeoutSeconds",
          requestHeadTimeoutSeconds
              + " is not 1 to idleTimeoutSeconds ("
              + idleTimeoutSeconds
              + ")");
    }
  }

  /** A listener behind no proxy. */
  public HttpConfig(String host, Integer port, Long maxBodyBytes) {
    this(host, port, maxBodyBytes, null, null);
  }

  /** A plain-HTTP listener behind these proxies. */
  public HttpConfig(String host, Integer port, Long maxBodyBytes, List<String> trustedProxies) {
    this(host, port, maxBodyBytes, trustedProxies, null);
  }

  /** A listener with the default connection timeouts. */
  public HttpConfig(
      String host, Integer port, Long maxBodyBytes, List<String> trustedProxies, TlsConfig tls) {
    this(host, port, maxBodyBytes, trustedProxies, tls, null, null);
  }

  public static HttpConfig defaults() {
    return new HttpConfig(null, null, null);
  }
}
