package io.flarewatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The site's miners: their models in id order, assigned flavours in the repeating pattern of the
 * configured mix, and what the fleet draws. Guarded by the {@link SiteModel}'s lock.
 */
final class MinerFleet {

  private final MinerModel[] miners;
  private final long[] bootTicks;

  MinerFleet(FleetConfig config, EngineConfig engine, long seed, long tickMillis) {
    List<Flavour> pattern = new ArrayList<>();
    for (Flavour f : Flavour.values()) {
      for (int i = 0; i < config.flavourMix().getOrDefault(f, 0); i++) {
        pattern.add(f);
      }
    }
    miners = new MinerModel[config.count()];
    for (int i = 0; i < miners.length; i++) {
      miners[i] = new MinerModel(i, pattern.get(i % pattern.size()), seed, tickMillis);
      if (miners[i].flavour == Flavour.WHATSMINER) {
        miners[i].whatsminerTokens = new WhatsminerTokens(config.whatsminer(), seed, i);
      }
    }
    bootTicks = new long[miners.length];
    SplittableRandom jitter = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
    for (int i = 0; i < miners.length; i++) {
      double seconds =
          engine.minerBootSeconds() + engine.minerBootJitterSeconds() * jitter.nextDouble();
      bootTicks[i] = (long) Math.ceil(seconds * 1000 / tickMillis);
    }
  }

  int count() {
    return miners.length;
  }

  MinerModel miner(int index) {
    return miners[index];
  }

  MinerModel[] all() {
    return miners;
  }

  /** Powers a miner on (it boots, taking its boot time) or off. */
  void setPower(MinerModel m, boolean on, long t) {
    if (on && !m.powered) {
      m.boot(t, bootTicks[m.index]);
    } else if (!on && m.powered) {
      m.powerOff();
    }
  }

  /** Powers every miner on or off. */
  void setPowerAll(boolean on, long t) {
    for (MinerModel m : miners) {
      setPower(m, on, t);
    }
  }

  /** Miners whose boot or slow wake-up is due at tick {@code t} finish it. */
  void finishWakes(long t) {
    for (MinerModel m : miners) {
      m.finishBoot(t);
      m.finishWake(t);
    }
  }

  /** The fleet's hashrate during the current tick, TH/s. */
  double hashrateThs() {
    double ths = 0;
    for (MinerModel m : miners) {
      ths += m.hashrateThs;
    }
    return ths;
  }

  /** Advances every miner to tick {@code t}. */
  void step(long t) {
    for (MinerModel m : miners) {
      m.step(t);
    }
  }

  /** What the fleet draws during the current tick, W. */
  long watts() {
    long watts = 0;
    for (MinerModel m : miners) {
      watts += m.powerWatts;
    }
    return watts;
  }

  /** Every miner as served during tick {@code tick}. */
  List<MinerReading> readings(long tick) {
    List<MinerReading> list = new ArrayList<>(miners.length);
    for (MinerModel m : miners) {
      list.add(
          new MinerReading(
              m.id,
              m.flavour,
              m.flavour == Flavour.WHATSMINER
                  ? WhatsminerReplies.model(m.hardware)
                  : m.hardware.type,
              m.state(),
              m.hashrateThs,
              m.powerWatts,
              m.maxChipTemp(),
              toList(m.fanRpm),
              m.answers() ? m.uptimeSeconds(tick) : 0));
    }
    return List.copyOf(list);
  }

  private static List<Integer> toList(int[] a) {
    List<Integer> l = new ArrayList<>(a.length);
    for (int v : a) {
      l.add(v);
    }
    return List.copyOf(l);
  }
}
