package io.flarewatch.drivers.miner.control;

import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerApiClientOptions;
import io.flarewatch.drivers.miner.MinerFirmware;
import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one place that says which firmware is controlled by which {@link FirmwareControl}. A firmware
 * missing from the map (generic cgminer) is answered {@code unsupported} by {@link MinerCommander}.
 */
public final class FirmwareControls {

  private FirmwareControls() {}

  /** The controls of every supported firmware; stock Antminer web interfaces on {@code webPort}. */
  public static Map<MinerFirmware, FirmwareControl> standard(
      Vertx vertx, MinerApiClient client, MinerCredentials credentials) {
    return standard(vertx, client, credentials, AntminerWebPorts.fixed(credentials.webPort()));
  }

  /**
   * The controls of every supported firmware.
   *
   * @param webPorts where each stock Antminer's web interface listens
   */
  public static Map<MinerFirmware, FirmwareControl> standard(
      Vertx vertx, MinerApiClient client, MinerCredentials credentials, AntminerWebPorts webPorts) {
    Map<MinerFirmware, FirmwareControl> controls = new EnumMap<>(MinerFirmware.class);
    controls.put(MinerFirmware.BRAIINS_OS, new BraiinsControl(client));
    controls.put(MinerFirmware.LUXOS, new LuxosControl(client));
    controls.put(
        MinerFirmware.ANTMINER,
        new AntminerWebControl(
            vertx, credentials, webPorts, MinerApiClientOptions.DEFAULT_TIMEOUT));
    controls.put(MinerFirmware.WHATSMINER, new WhatsminerControl(client, credentials));
    return Collections.unmodifiableMap(controls);
  }
}
