package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import io.flarewatch.edge.buffer.SqliteSampleBuffer;
import java.nio.file.Path;

/**
 * The durable sample buffer.
 *
 * @param path the SQLite file
 * @param maxBytes when the waiting lines exceed this, the oldest are dropped (and counted)
 * @param reserveBytes free space the buffer leaves on its disk for everything else: the lines held
 *     stay within the lower of {@code maxBytes} and what the disk allows with this much kept free
 */
public record BufferConfig(
    @JsonProperty("path") Path path,
    @JsonProperty("maxBytes") Long maxBytes,
    @JsonProperty("reserveBytes") Long reserveBytes) {

  public static final long DEFAULT_MAX_BYTES = 1L << 30;
  public static final long DEFAULT_RESERVE_BYTES = SqliteSampleBuffer.DEFAULT_RESERVE_BYTES;

  @JsonCreator
  public BufferConfig {
    maxBytes = maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes;
    reserveBytes = reserveBytes == null ? DEFAULT_RESERVE_BYTES : reserveBytes;
    ConfigCheck check = new ConfigCheck();
    check.that(path != null, "path", "is required");
    check.that(maxBytes >= 1024, "maxBytes", maxBytes + " is below 1024");
    check.that(reserveBytes >= 0, "reserveBytes", reserveBytes + " is below 0");
    check.orThrow();
  }

  /** A buffer keeping the default reserve of free disk space. */
  public BufferConfig(Path path, Long maxBytes) {
    this(path, maxBytes, null);
  }
}
