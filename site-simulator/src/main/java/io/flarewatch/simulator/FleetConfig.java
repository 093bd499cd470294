package io.flarewatch.simulator;

import static io.flarewatch.simulator.ConfigChecks.require;

import java.net.InetAddress;
import java.util.Map;

/**
 * The miner fleet ({@code miners} in the config).
 *
 * @param count number of miners, 1..5000; ids are miner-0001, miner-0002, ...
 * @param addressing how miners are placed on the network
 * @param baseHost loopback address of the first miner (LOOPBACK_RANGE) or of all (PORT_RANGE)
 * @param basePort port of every miner (LOOPBACK_RANGE) or of the first (PORT_RANGE; 0 = each an
 *     ephemeral port)
 * @param flavourMix weights of the firmware flavours; miners are assigned in a repeating pattern so
 *     the shares are exact (weights 1/1/1 with 3 miners: one of each)
 * @param whatsminer how Whatsminers guard their writes (admin password, token lifetime, idle
 *     timeout); {@link WhatsminerConfig#defaults()} when null
 */
public record FleetConfig(
    int count,
    Addressing addressing,
    String baseHost,
    int basePort,
    Map<Flavour, Integer> flavourMix,
    WhatsminerConfig whatsminer) {

  /** Largest fleet a simulator serves. */
  public static final int MAX_MINERS = 5000;

  public FleetConfig {
    require(
        count >= 1 && count <= MAX_MINERS,
        "miners.count",
        "must be between 1 and " + MAX_MINERS + ", got " + count);
    require(addressing != null, "miners.addressing", "is missing (LOOPBACK_RANGE or PORT_RANGE)");
    InetAddress base = ConfigChecks.loopback(baseHost, "miners.baseHost");
    ConfigChecks.port(basePort, "miners.basePort");
    if (addressing == Addressing.LOOPBACK_RANGE) {
      require(basePort > 0, "miners.basePort", "must be > 0 with LOOPBACK_RANGE addressing");
      long last = ConfigChecks.toLong(base) + count - 1;
      require(
          (last >>> 24) == 127,
          "miners.baseHost",
          baseHost + " leaves 127.0.0.0/8 for " + count + " miners");
    } else if (basePort > 0) {
      require(
          basePort + count - 1 <= 65535,
          "miners.basePort",
          basePort + " + " + count + " miners exceeds port 65535");
    }
    require(
        flavourMix != null && !flavourMix.isEmpty(),
        "miners.flavourMix",
        "must name at least one flavour (ANTMINER, BRAIINS, LUXOS, ANTMINER_CHAIN_RATES,"
            + " WHATSMINER)");
    int total = 0;
    for (Map.Entry<Flavour, Integer> e : flavourMix.entrySet()) {
      require(e.getKey() != null, "miners.flavourMix", "names an unknown flavour");
      require(
          e.getValue() != null && e.getValue() >= 0 && e.getValue() <= 1000,
          "miners.flavourMix." + e.getKey(),
          "must be a weight between 0 and 1000, got " + e.getValue());
      total += e.getValue();
    }
    require(total > 0, "miners.flavourMix", "weights must not all be 0");
    flavourMix = Map.copyOf(flavourMix);
    whatsminer = whatsminer == null ? WhatsminerConfig.defaults() : whatsminer;
  }

  /** A fleet whose Whatsminers keep the firmware's defaults. */
  public FleetConfig(
      int count,
      Addressing addressing,
      String baseHost,
      int basePort,
      Map<Flavour, Integer> flavourMix) {
    this(count, addressing, baseHost, basePort, flavourMix, null);
  }

  /** A copy with other addressing. */
  public FleetConfig withAddressing(Addressing newAddressing, String newBaseHost, int newBasePort) {
    return new FleetConfig(count, newAddressing, newBaseHost, newBasePort, flavourMix, whatsminer);
  }

  /** A copy with another flavour mix. */
  public FleetConfig withFlavourMix(Map<Flavour, Integer> mix) {
    return new FleetConfig(count, addressing, baseHost, basePort, mix, whatsminer);
  }

  /** A copy with other Whatsminer settings. */
  public FleetConfig withWhatsminer(WhatsminerConfig settings) {
    return new FleetConfig(count, addressing, baseHost, basePort, flavourMix, settings);
  }
}
