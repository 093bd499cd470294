package io.flarewatch.simulator;

import java.util.Set;

/** Miner firmware whose CGMiner-style API a simulated miner speaks. */
public enum Flavour {
  /** Stock Antminer firmware (bmminer): GH/s, no power, `}{` in stats, trailing NUL. */
  ANTMINER,
  /** Braiins OS legacy API (bosminer): MH/s, tuner power, pause/resume. */
  BRAIINS,
  /** LuxOS (LUXminer): GH/s, power, session-protected curtail. */
  LUXOS,
  /**
   * Newer stock Antminer firmware (cgminer 4.11): hashrate only per chain ({@code
   * STATS[0].chain[].rate_real}), none for the whole miner; no power, trailing NUL.
   */
  ANTMINER_CHAIN_RATES,
  /**
   * MicroBT Whatsminer (btminer, API v2): MH/s, power and power limit, plaintext reads, writes
   * encrypted with a key from {@code get_token} and the admin password.
   */
  WHATSMINER;

  /** The flavours of a default site, one miner of each in turn. */
  public static final Set<Flavour> DEFAULT_MIX = Set.of(ANTMINER, BRAIINS, LUXOS);

  /** Stock Antminer firmware, either build. */
  boolean isAntminer() {
    return this == ANTMINER || this == ANTMINER_CHAIN_RATES;
  }
}
