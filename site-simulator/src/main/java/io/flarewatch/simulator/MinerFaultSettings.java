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
 * @param ignoreCommands writes (Braiins pause/resume, LuxOS curtail, Antminer web miner-mode,
 *     Whatsminer power_off/power_on) are acknowledged as usual and change nothing
 * @param slowWakeSeconds a wake-up shows (hashing, full power) only this long after the command; 0
 *     for the next tick
 * @param authFailure credentials are refused: the Antminer web interface answers every digest with
 *     401, LuxOS refuses {@code logon}, Braiins answers pause/resume with "Access denied"
 * @param sessionBusy the next this many LuxOS {@code logon}s are refused with "Another session is
 *     active" (counts down)
 * @param lostLogonReplies the next this many LuxOS {@code logon}s are carried out (a session opens
 *     when none is active) but their reply is lost: the connection closes before a byte is written
 *     (counts down)
 */
public record MinerFaultSettings(
    OfflineMode offline,
    long delayMillis,
    boolean resetMidReply,
    Set<MinerQuirk> quirks,
    boolean ignoreCommands,
    int slowWakeSeconds,
    boolean authFailure,
    int sessionBusy,
    int lostLogonReplies) {

  public MinerFaultSettings {
    if (delayMillis < 0 || delayMillis > 600_000) {
      throw new IllegalArgumentException(
          "delayMillis must be between 0 and 600000 ms, got " + delayMillis);
    }
    if (slowWakeSeconds < 0 || slowWakeSeconds > 3600) {
      throw new IllegalArgumentException(
          "slowWakeSeconds must be between 0 and 3600, got " + slowWakeSeconds);
    }
    if (sessionBusy < 0) {
      throw new IllegalArgumentException("sessionBusy must be >= 0, got " + sessionBusy);
    }
    if (lostLogonReplies < 0) {
      throw new IllegalArgumentException("lostLogonReplies must be >= 0, got " + lostLogonReplies);
    }
    quirks = quirks == null || quirks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(quirks));
  }

  /** The wire faults only; no command faults. */
  public MinerFaultSettings(
      OfflineMode offline, long delayMillis, boolean resetMidReply, Set<MinerQuirk> quirks) {
    this(offline, delayMillis, resetMidReply, quirks, false, 0, false, 0, 0);
  }

  /** No fault at all. */
  public static MinerFaultSettings none() {
    return new MinerFaultSettings(null, 0, false, Set.of());
  }

  public MinerFaultSettings withOffline(OfflineMode mode) {
    return new MinerFaultSettings(
        mode,
        delayMillis,
        resetMidReply,
        quirks,
        ignoreCommands,
        slowWakeSeconds,
        authFailure,
        sessionBusy,
        lostLogonReplies);
  }

  public MinerFaultSettings withDelayMillis(long millis) {
    return new MinerFaultSettings(
        offline,
        millis,
        resetMidReply,
        quirks,
        ignoreCommands,
        slowWakeSeconds,
        authFailure,
        sessionBusy,
        lostLogonReplies);
  }

  public MinerFaultSettings withResetMidReply(boolean reset) {
    return new MinerFaultSettings(
        offline,
        delayMillis,
        reset,
        quirks,
        ignoreCommands,
        slowWakeSeconds,
        authFailure,
        sessionBusy,
        lostLogonReplies);
  }

  public MinerFaultSettings withQuirks(MinerQuirk... added) {
    EnumSet<MinerQuirk> all = EnumSet.noneOf(MinerQuirk.class);
    all.addAll(quirks);
    all.addAll(Set.of(added));
    return new MinerFaultSettings(
        offline,
        delayMillis,
        resetMidReply,
        all,
        ignoreCommands,
        slowWakeSeconds,
        authFailure,
        sessionBusy,
        lostLogonReplies);
  }

  public MinerFaultSettings withIgnoreCommands(boolean ignore) {
    return new MinerFaultSettings(
        offline,
        delayMillis,
        resetMidReply,
        quirks,
        ignore,
        slowWakeSeconds,
        authFailure,
        sessionBusy,
        lostLogonReplies);
  }

  public MinerFaultSettings withSlowWakeSeconds(int seconds) {
    return new MinerFaultSettings(
        offline,
        delayMillis,
        resetMidReply,
        quirks,
        ignoreCommands,
        seconds,
        authFailure,
        sessionBusy,
        lostLogonReplies);
  }

  public MinerFaultSettings withAuthFailure(boolean failure) {
    return new MinerFaultSettings(
        offline,
        delayMillis,
        resetMidReply,
        quirks,
        ignoreCommands,
        slowWakeSeconds,
        failure,
        sessionBusy,
        lostLogonReplies);
  }

  public MinerFaultSettings withSessionBusy(int logons) {
    return new MinerFaultSettings(
        offline,
        delayMillis,
        resetMidReply,
        quirks,
        ignoreCommands,
        slowWakeSeconds,
        authFailure,
        logons,
        lostLogonReplies);
  }

  public MinerFaultSettings withLostLogonReplies(int logons) {
    return new MinerFaultSettings(
        offline,
        delayMillis,
        resetMidReply,
        quirks,
        ignoreCommands,
        slowWakeSeconds,
        authFailure,
        sessionBusy,
        logons);
  }
}
