package io.flarewatch.simulator;

/** Miner hardware models: nominal hashrate and efficiency. */
enum MinerHardware {
  S19("Antminer S19", 95, 34.5, 76),
  S19J_PRO("Antminer S19j Pro", 104, 29.5, 126),
  S19_PRO("Antminer S19 Pro", 110, 29.5, 114),
  S19_XP("Antminer S19 XP", 140, 21.5, 110);

  /** Typical power of a miner of the mix, W (used to size defaults). */
  static final double TYPICAL_WATTS = 3300;

  /** Hashboards per miner. */
  static final int CHAINS = 3;

  /** Fans per miner. */
  static final int FANS = 4;

  final String type;
  final double nominalThs;
  final double joulesPerTh;
  final int asicsPerChain;

  MinerHardware(String type, double nominalThs, double joulesPerTh, int asicsPerChain) {
    this.type = type;
    this.nominalThs = nominalThs;
    this.joulesPerTh = joulesPerTh;
    this.asicsPerChain = asicsPerChain;
  }

  /** Power limit a Braiins tuner would be set to for this model, W. */
  int powerLimitWatts() {
    return (int) (Math.ceil(nominalThs * joulesPerTh * 1.05 / 100) * 100);
  }
}
