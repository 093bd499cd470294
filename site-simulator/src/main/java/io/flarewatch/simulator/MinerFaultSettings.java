package io.flarewatch.simulator;

import java.util.EnumSet;
import java.util.Set;

/**
 * Faults of one simulated miner.
 *
 * @param offline null when online, else how the miner is offline
 * @param delayMillis delay before the reply is written (SLOW), 0 for none
 * @param resetMidReply when true, half of the reply is written and the connection closed (RESET)
 * @param quirks malformations applied to every reply, in addition to the flavour's own
 */
public record MinerFaultSettings(
    OfflineMode offline, long delayMillis, boolean resetMidReply, Set<MinerQuirk> quirks) {

  public MinerFaultSettings {
    if (delayMillis < 0 || delayMillis > 600_000) {
      throw new IllegalArgumentException(
          "delayMillis must be between 0 and 600000 ms, got " + delayMillis);
    }
    quirks = quirks == null || quirks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(quirks));
  }

  /** No fault at all. */
  public static MinerFaultSettings none() {
    return new MinerFaultSettings(null, 0, false, Set.of());
  }

  public MinerFaultSettings withOffline(OfflineMode mode) {
    return new MinerFaultSettings(mode, delayMillis, resetMidReply, quirks);
  }

  public MinerFaultSettings withDelayMillis(long millis) {
    return new MinerFaultSettings(offline, millis, resetMidReply, quirks);
  }

  public MinerFaultSettings withResetMidReply(boolean reset) {
    return new MinerFaultSettings(offline, delayMillis, reset, quirks);
  }

  public MinerFaultSettings withQuirks(MinerQuirk... added) {
    EnumSet<MinerQuirk> all = EnumSet.noneOf(MinerQuirk.class);
    all.addAll(quirks);
    all.addAll(Set.of(added));
    return new MinerFaultSettings(offline, delayMillis, resetMidReply, all);
  }
}
