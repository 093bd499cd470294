package io.flarewatch.simulator;

/**
 * The faults that bear on a write, decided for one request from the miner's {@link
 * MinerFaultSettings}.
 *
 * @param ignoreCommands acknowledge writes and change nothing
 * @param slowWakeTicks ticks a wake-up takes to show (0: the next tick)
 * @param authFailure refuse credentials (LuxOS logon, Braiins pause/resume, Antminer digest)
 * @param logonBusy refuse this LuxOS logon as another session is active
 */
record CommandFaults(
    boolean ignoreCommands, long slowWakeTicks, boolean authFailure, boolean logonBusy) {

  static final CommandFaults NONE = new CommandFaults(false, 0, false, false);

  static CommandFaults of(MinerFaultSettings s, long tickMillis, boolean logonBusy) {
    return new CommandFaults(
        s.ignoreCommands(),
        Ticks.ceil(s.slowWakeSeconds(), tickMillis),
        s.authFailure(),
        logonBusy);
  }
}
