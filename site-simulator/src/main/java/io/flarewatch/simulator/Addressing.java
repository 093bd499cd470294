package io.flarewatch.simulator;

/** How simulated miners are placed on the network. */
public enum Addressing {
  /** Each miner on its own loopback address (base, base+1, ...) on the same port. */
  LOOPBACK_RANGE,
  /** All miners on one host, consecutive ports from a base; base port 0 = ephemeral ports. */
  PORT_RANGE
}
