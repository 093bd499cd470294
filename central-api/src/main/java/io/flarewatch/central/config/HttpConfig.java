package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;

/**
 * The HTTP listener.
 *
 * @param host address to listen on
 * @param port 0 picks a free port (tests)
 * @param maxBodyBytes largest request body accepted, after decompression
 */
public record HttpConfig(
    @JsonProperty("host") String host,
    @JsonProperty("port") Integer port,
    @JsonProperty("maxBodyBytes") Long maxBodyBytes) {

  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

  public HttpConfig {
    host = host == null ? "0.0.0.0" : host;
    port = port == null ? DEFAULT_PORT : port;
    maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    if (port < 0 || port > 65535) {
      throw new ConfigException("http.port", port + " is not a port number (0 to 65535)");
    }
    if (maxBodyBytes < 1024) {
      throw new ConfigException("http.maxBodyBytes", maxBodyBytes + " is below 1024");
    }
  }

  public static HttpConfig defaults() {
    return new HttpConfig(null, null, null);
  }
}
