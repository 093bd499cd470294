package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import java.nio.file.Path;

/**
 * The durable sample buffer.
 *
 * @param path the SQLite file
 * @param maxBytes when the waiting lines exceed this, the oldest are dropped (and counted)
 */
public record BufferConfig(
    @JsonProperty("path") Path path, @JsonProperty("maxBytes") Long maxBytes) {

  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  public BufferConfig {
    if (path == null) {
      throw new ConfigException("buffer.path", "is required");
    }
    maxBytes = maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes;
    if (maxBytes < 1024) {
      throw new ConfigException("buffer.maxBytes", maxBytes + " is below 1024");
    }
  }
}
