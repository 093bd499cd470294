package io.flarewatch.drivers.miner;

import java.util.Objects;

/**
 * Where a miner's CGMiner-style API listens.
 *
 * @param host host name or address
 * @param port TCP port, 1..65535 (4028 on every supported firmware)
 */
public record MinerAddress(String host, int port) {

  /** Port of the CGMiner-style API. */
  public static final int DEFAULT_PORT = 4028;

  public MinerAddress {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("miner host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("miner port must be 1..65535, got " + port);
    }
  }

  /** The miner's API on the default port 4028. */
  public static MinerAddress of(String host) {
    return new MinerAddress(host, DEFAULT_PORT);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
