package io.flarewatch.simulator;

/**
 * Where a simulated miner answers.
 *
 * @param id the miner id
 * @param host the address of its CGMiner-style API (and web interface)
 * @param port the port of its CGMiner-style API
 * @param flavour the firmware it speaks
 * @param webPort the port of its web interface (stock Antminer sleep and wake), or null when the
 *     flavour has none
 */
public record MinerEndpoint(String id, String host, int port, Flavour flavour, Integer webPort) {

  /** A miner without a web interface. */
  public MinerEndpoint(String id, String host, int port, Flavour flavour) {
    this(id, host, port, flavour, null);
  }
}
