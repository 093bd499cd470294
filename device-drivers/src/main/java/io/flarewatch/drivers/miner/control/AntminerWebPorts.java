package io.flarewatch.drivers.miner.control;

import io.flarewatch.drivers.miner.MinerAddress;

/**
 * Where a stock Antminer's web interface listens, given where its CGMiner-style API listens. In the
 * field every miner has its own address and the web interface is on port 80 ({@link #fixed(int)});
 * a simulated site with many miners on one host gives each its own port.
 */
@FunctionalInterface
public interface AntminerWebPorts {

  /** The web interface port of the miner whose API is at {@code api}. */
  int webPort(MinerAddress api);

  /** The same port for every miner (each on its own host). */
  static AntminerWebPorts fixed(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("web port must be 1..65535, got " + port);
    }
    return api -> port;
  }

  /** The API port plus {@code delta} (a port range on one host). */
  static AntminerWebPorts offset(int delta) {
    return api -> api.port() + delta;
  }
}
