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
 * @param webPort where the web interface of stock Antminer miners listens (sleep and wake): with
 *     LOOPBACK_RANGE every such miner on its own address at this port (like port 80 in the field;
 *     must differ from basePort; 0 takes {@value #DEFAULT_LOOPBACK_WEB_PORT}); with PORT_RANGE
 *     miner i at {@code webPort + i} (0 = each an ephemeral port). Other flavours have no web
 *     interface.
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
    int webPort,
    Map<Flavour, Integer> flavourMix,
    WhatsminerConfig whatsminer) {

  /** Largest fleet a simulator serves. */
  public static final int MAX_MINERS = 5000;

  /** The web port of LOOPBACK_RANGE miners when none is given. */
  public static final int DEFAULT_LOOPBACK_WEB_PORT = 8080;

  public FleetConfig {
    require(
        count >= 1 && count <= MAX_MINERS,
        "miners.count",
        "must be between 1 and " + MAX_MINERS + ", got " + count);
    require(addressing != null, "miners.addressing", "is missing (LOOPBACK_RANGE or PORT_RANGE)");
    InetAddress base = ConfigChecks.loopback(baseHost, "miners.baseHost");
    ConfigChecks.port(basePort, "miners.basePort");
    ConfigChecks.port(webPort, "miners.webPort");
    if (addressing == Addressing.LOOPBACK_RANGE) {
      require(basePort > 0, "miners.basePort", "must be > 0 with LOOPBACK_RANGE addressing");
      webPort = webPort == 0 ? DEFAULT_LOOPBACK_WEB_PORT : webPort;
      require(
          webPort != basePort,
          "miners.webPort",
          "must differ from miners.basePort (" + basePort + ")");
      long last = ConfigChecks.toLong(base) + count - 1;
      require(
          (last >>> 24) == 127,
          "miners.baseHost",
          baseHost + " leaves 127.0.0.0/8 for " + count + " miners");
    } else {
      require(
          basePort == 0 || basePort + count - 1 <= 65535,
          "miners.basePort",
          basePort + " + " + count + " miners exceeds port 65535");
      require(
          webPort == 0 || webPort + count - 1 <= 65535,
          "miners.webPort",
          webPort + " + " + count + " miners exceeds port 65535");
      require(
          webPort == 0
              || basePort == 0
              || webPort + count - 1 < basePort
              || basePort + count - 1 < webPort,
          "miners.webPort",
          "range " + webPort + ".." + (webPort + count - 1) + " overlaps the API ports");
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

  /** A fleet whose Antminer web interfaces take the default port (see {@code webPort}). */
  public FleetConfig(
      int count,
      Addressing addressing,
      String baseHost,
      int basePort,
      Map<Flavour, Integer> flavourMix,
      WhatsminerConfig whatsminer) {
    this(count, addressing, baseHost, basePort, 0, flavourMix, whatsminer);
  }

  /**
   * A fleet whose Antminer web interfaces take the default (ephemeral ports with PORT_RANGE,
   * {@value #DEFAULT_LOOPBACK_WEB_PORT} with LOOPBACK_RANGE) and whose Whatsminers keep the
   * firmware's defaults.
   */
  public FleetConfig(
      int count,
      Addressing addressing,
      String baseHost,
      int basePort,
      Map<Flavour, Integer> flavourMix) {
    this(count, addressing, baseHost, basePort, 0, flavourMix, null);
  }

  /**
   * A copy with other addressing; the web port is kept when it still fits, else it takes the
   * default (0) of the new addressing.
   */
  public FleetConfig withAddressing(Addressing newAddressing, String newBaseHost, int newBasePort) {
    int web = newAddressing == addressing && webPort != newBasePort ? webPort : 0;
    return new FleetConfig(
        count, newAddressing, newBaseHost, newBasePort, web, flavourMix, whatsminer);
  }

  /** A copy with another web port. */
  public FleetConfig withWebPort(int newWebPort) {
    return new FleetConfig(
        count, addressing, baseHost, basePort, newWebPort, flavourMix, whatsminer);
  }

  /** A copy with another flavour mix. */
  public FleetConfig withFlavourMix(Map<Flavour, Integer> mix) {
    return new FleetConfig(count, addressing, baseHost, basePort, webPort, mix, whatsminer);
  }

  /** A copy with other Whatsminer settings. */
  public FleetConfig withWhatsminer(WhatsminerConfig settings) {
    return new FleetConfig(count, addressing, baseHost, basePort, webPort, flavourMix, settings);
  }
}
