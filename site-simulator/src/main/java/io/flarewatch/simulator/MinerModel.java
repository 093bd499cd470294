package io.flarewatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * State of one simulated miner. Not thread-safe: {@link SiteModel} guards every access with its
 * lock. Served values are kept already rounded as the wire carries them, so ground truth and wire
 * agree exactly.
 */
final class MinerModel {
  static final double AMBIENT_C = 30;
  static final int SLEEP_WATTS = 10;
  static final Duration LUXOS_SESSION_IDLE = Duration.ofMinutes(1);

  final int index;
  final String id;
  final Flavour flavour;
  final MinerHardware hardware;
  final double nominalThs;
  private final SplittableRandom rng;
  private final SplittableRandom sessionRng;
  private final long tickMillis;

  // mode
  boolean sleeping;
  boolean powered = true;

  /** Powered but still booting (not answering, not mining) until {@link #bootEndTick}. */
  private boolean booting;

  private long bootEndTick = -1;
  private long wakeAtTick = -1;
  private long bootTick;
  private long uptimeAtBootTick;

  // served values of the current tick
  double hashrateThs;
  double ghs;
  double mhs;
  int powerWatts;
  double chipTempC = AMBIENT_C + 40;
  double boardTempC = AMBIENT_C + 25;
  final int[] chipTemps = new int[MinerHardware.CHAINS];
  final int[] boardTemps = new int[MinerHardware.CHAINS];
  final int[] fanRpm = new int[MinerHardware.FANS];
  long accepted;
  long rejected;
  long hardwareErrors;
  private double ghsSum;
  private long ghsTicks;

  // LuxOS session
  private String sessionId;
  private Instant sessionLastUse;

  /**
   * Sleep and wake commands this miner received on any interface, ignored ones included: a test
   * checks that no miner was commanded twice.
   */
  long sleepWakeCommands;

  /** Power limit set through the API, W; 0 when none (the model's own draw applies). */
  int powerLimitWatts;

  /** A Whatsminer's tokens and write key; null for other flavours. */
  WhatsminerTokens whatsminerTokens;

  MinerModel(int index, Flavour flavour, long seed, long tickMillis) {
    this.index = index;
    this.id = MinerIds.of(index);
    this.flavour = flavour;
    this.tickMillis = tickMillis;
    long mixed = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
    this.rng = new SplittableRandom(mixed);
    this.sessionRng = new SplittableRandom(mixed ^ 0x5E5510AL);
    MinerHardware[] models = MinerHardware.values();
    this.hardware = models[rng.nextInt(models.length)];
    this.nominalThs = hardware.nominalThs * (0.97 + 0.06 * rng.nextDouble());
    this.uptimeAtBootTick = 3600 + rng.nextLong(30L * 86400);
    this.accepted = rng.nextLong(1000, 100_000);
    this.rejected = accepted / 400;
    this.bootTick = 0;
    step(0);
  }

  MinerState state() {
    if (!powered) {
      return MinerState.UNPOWERED;
    }
    if (booting) {
      return MinerState.BOOTING;
    }
    return sleeping ? MinerState.SLEEPING : MinerState.MINING;
  }

  /** Power this miner will draw once powered in its current mode, W (for load planning). */
  double expectedWatts() {
    if (sleeping) {
      return SLEEP_WATTS;
    }
    double watts = nominalThs * hardware.joulesPerTh;
    return powerLimitWatts > 0 ? Math.min(watts, powerLimitWatts) : watts;
  }

  long uptimeSeconds(long tick) {
    return uptimeAtBootTick + (tick - bootTick) * tickMillis / 1000;
  }

  /** True when the miner is powered and booted: it answers on the network and takes commands. */
  boolean answers() {
    return powered && !booting;
  }

  /**
   * Power restored at {@code tick}: the miner boots for {@code bootTicks} ticks (drawing little,
   * not answering), then its software starts at {@link #finishBoot}. Pause (Braiins) is lost, LuxOS
   * sleep kept.
   */
  void boot(long tick, long bootTicks) {
    powered = true;
    if (bootTicks <= 0) {
      booting = false;
      reboot(tick);
    } else {
      booting = true;
      bootEndTick = tick + bootTicks;
      sessionId = null;
    }
  }

  /** Ends a boot that is due at tick {@code t}: the mining software starts (uptime 0). */
  void finishBoot(long t) {
    if (powered && booting && t >= bootEndTick) {
      booting = false;
      reboot(t);
    }
  }

  /** A reboot at {@code tick}: uptime restarts, sessions end, Braiins pause is lost. */
  void reboot(long tick) {
    bootTick = tick;
    uptimeAtBootTick = 0;
    sessionId = null;
    ghsSum = 0;
    ghsTicks = 0;
    if (flavour != Flavour.LUXOS) {
      sleeping = false;
      wakeAtTick = -1;
    }
  }

  /** Goes to sleep at once: hashrate 0 and sleep power from this reply on. */
  void sleep() {
    sleeping = true;
    wakeAtTick = -1;
    hashrateThs = 0;
    ghs = 0;
    mhs = 0;
    powerWatts = SLEEP_WATTS;
  }

  /** Wakes up: mining again, hashrate ramps up from the next tick. */
  void wake() {
    sleeping = false;
    wakeAtTick = -1;
  }

  /**
   * Wakes up slowly: still asleep until tick {@code wakeTick}, mining from then on. A second wake
   * while one is pending does not move it.
   */
  void wakeAt(long wakeTick) {
    if (sleeping && wakeAtTick < 0) {
      wakeAtTick = wakeTick;
    }
  }

  /** Ends the sleep of a slow wake-up that is due at tick {@code t}. */
  void finishWake(long t) {
    if (sleeping && wakeAtTick >= 0 && t >= wakeAtTick) {
      sleeping = false;
      wakeAtTick = -1;
    }
  }

  void powerOff() {
    powered = false;
    booting = false;
    sessionId = null;
  }

  /** Advances the served values to {@code tick}. */
  void step(long tick) {
    double noise = rng.nextGaussian();
    double powerNoise = rng.nextGaussian();
    double tempNoise = rng.nextGaussian();
    double fanNoise = rng.nextGaussian();
    double chipTarget;
    double boardTarget;
    int fanTarget;
    if (!powered) {
      hashrateThs = 0;
      powerWatts = 0;
      chipTarget = AMBIENT_C;
      boardTarget = AMBIENT_C;
      fanTarget = 0;
    } else if (sleeping || booting) {
      hashrateThs = 0;
      powerWatts = SLEEP_WATTS + (int) Math.round(powerNoise * 0.5);
      chipTarget = AMBIENT_C + 5;
      boardTarget = AMBIENT_C + 3;
      fanTarget = 1200;
    } else {
      hashrateThs = Math.max(0, nominalThs * (1 + 0.015 * noise));
      if (powerLimitWatts > 0) {
        // the firmware lowers frequency until the draw fits the limit: hashrate falls with it
        double fitting = (powerLimitWatts - 60) / (hardware.joulesPerTh * 1.02);
        hashrateThs = Math.min(hashrateThs, Math.max(0, fitting));
      }
      powerWatts =
          (int) Math.round(hashrateThs * hardware.joulesPerTh * (1 + 0.004 * powerNoise) + 60);
      if (powerLimitWatts > 0) {
        powerWatts = Math.min(powerWatts, powerLimitWatts);
      }
      chipTarget = AMBIENT_C + 42 + 6 * (hashrateThs / nominalThs - 1) * 10;
      boardTarget = chipTarget - 14;
      fanTarget = 0;
    }
    chipTempC += 0.2 * (chipTarget - chipTempC) + 0.3 * tempNoise;
    boardTempC += 0.2 * (boardTarget - boardTempC) + 0.2 * tempNoise;
    if (powered && !sleeping && !booting) {
      fanTarget = (int) Math.max(2000, Math.min(6600, 4200 + (chipTempC - 70) * 120));
    }
    ghs = round2(hashrateThs * 1000);
    mhs = round2(ghs * 1000);
    hashrateThs = ghs / 1000;
    int chip = (int) Math.round(chipTempC);
    int board = (int) Math.round(boardTempC);
    for (int c = 0; c < MinerHardware.CHAINS; c++) {
      chipTemps[c] = chip - (c == 1 ? 0 : 1 + c);
      boardTemps[c] = board - c;
    }
    for (int f = 0; f < fanRpm.length; f++) {
      fanRpm[f] = fanTarget == 0 ? 0 : Math.max(0, fanTarget + f * 30 + (int) (fanNoise * 40));
    }
    if (powered && !sleeping && !booting) {
      long shares = Math.max(0, Math.round(hashrateThs * tickMillis / 100_000.0));
      accepted += shares;
      if (rng.nextInt(400) == 0) {
        rejected++;
      }
      if (rng.nextInt(50) == 0) {
        hardwareErrors++;
      }
    }
    if (answers()) {
      ghsSum += ghs;
      ghsTicks++;
    }
  }

  int maxChipTemp() {
    int max = Integer.MIN_VALUE;
    for (int t : chipTemps) {
      max = Math.max(max, t);
    }
    return max;
  }

  int maxBoardTemp() {
    int max = Integer.MIN_VALUE;
    for (int t : boardTemps) {
      max = Math.max(max, t);
    }
    return max;
  }

  /** Mean GH/s since boot (the `av` fields). */
  double averageGhs() {
    return ghsTicks == 0 ? 0 : round2(ghsSum / ghsTicks);
  }

  /** Hashrate of chain {@code c}, GH/s (chains share the total 0.33 / 0.34 / 0.33). */
  double chainGhs(int c) {
    return round2(ghs * (c == 1 ? 0.34 : 0.33));
  }

  // ---------------------------------------------------------------- LuxOS sessions

  /** Opens a session, or returns null when another one is active (and not expired). */
  String logon(Instant now) {
    if (sessionId != null && !sessionExpired(now)) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 8; i++) {
      sb.append(alphabet.charAt(sessionRng.nextInt(alphabet.length())));
    }
    sessionId = sb.toString();
    sessionLastUse = now;
    return sessionId;
  }

  /** Checks and refreshes a session id. */
  boolean useSession(String candidate, Instant now) {
    if (sessionId == null || sessionExpired(now) || !sessionId.equals(candidate)) {
      return false;
    }
    sessionLastUse = now;
    return true;
  }

  boolean logoff(String candidate, Instant now) {
    if (!useSession(candidate, now)) {
      return false;
    }
    sessionId = null;
    return true;
  }

  /** The active session id, or null. */
  String activeSession(Instant now) {
    return sessionId == null || sessionExpired(now) ? null : sessionId;
  }

  private boolean sessionExpired(Instant now) {
    return sessionLastUse.plus(LUXOS_SESSION_IDLE).isBefore(now);
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
