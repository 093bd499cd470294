package io.flarewatch.drivers.miner;

import java.util.List;
import java.util.Map;

/**
 * The one place that says which API commands each firmware is polled with. Each list element is one
 * request; {@code +} joins commands into one request where the firmware supports it.
 */
public final class MinerPollCommands {

  /** Command used to detect the firmware. */
  public static final String DETECT = "version";

  /**
   * Sent when a miner refuses {@link #DETECT} with an error status: newer Whatsminer firmware
   * answers {@code version} with "invalid cmd" and its version only to {@code get_version}.
   */
  public static final String DETECT_FALLBACK = "get_version";

  private static final Map<MinerFirmware, List<String>> REQUESTS =
      Map.of(
          MinerFirmware.ANTMINER, List.of("summary+stats+pools"),
          MinerFirmware.BRAIINS_OS, List.of("summary+devs+pools+fans+temps+tunerstatus"),
          MinerFirmware.LUXOS, List.of("summary+stats+pools+power+fans"),
          MinerFirmware.WHATSMINER, List.of("summary", "pools", "devs", "status"),
          MinerFirmware.CGMINER, List.of("summary+devs+pools"));

  private MinerPollCommands() {}

  /** The requests one poll of this firmware sends, in order. */
  public static List<String> requests(MinerFirmware firmware) {
    return REQUESTS.get(firmware);
  }
}
