package io.flarewatch.simulator;

/** Miner firmware whose CGMiner-style API a simulated miner speaks. */
public enum Flavour {
  /** Stock Antminer firmware (bmminer): GH/s, no power, `}{` in stats, trailing NUL. */
  ANTMINER,
  /** Braiins OS legacy API (bosminer): MH/s, tuner power, pause/resume. */
  BRAIINS,
  /** LuxOS (LUXminer): GH/s, power, session-protected curtail. */
  LUXOS
}
