package io.flarewatch.drivers.miner;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one miner API request.
 *
 * @param timeout connect plus read time allowed for one request
 * @param maxReplyBytes replies larger than this fail with {@link MinerReplyException}
 */
public record MinerApiClientOptions(Duration timeout, int maxReplyBytes) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;

  public MinerApiClientOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (maxReplyBytes < 64) {
      throw new IllegalArgumentException("maxReplyBytes must be at least 64, got " + maxReplyBytes);
    }
  }

  /** 5 s per request, 1 MiB per reply. */
  public static MinerApiClientOptions defaults() {
    return new MinerApiClientOptions(DEFAULT_TIMEOUT, DEFAULT_MAX_REPLY_BYTES);
  }
}
