package io.flarewatch.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The site's miners: their models in id order, assigned flavours in the repeating pattern of the
 * configured mix, and what the fleet draws. Guarded by the {@link SiteModel}'s lock.
 */
final class MinerFleet {

  private final MinerModel[] miners;

  MinerFleet(FleetConfig config, long seed, long tickMillis) {
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

  /** Powers a miner on (it boots) or off. */
  static void setPower(MinerModel m, boolean on, long t) {
    if (on && !m.powered) {
      m.boot(t);
    } else if (!on && m.powered) {
      m.powerOff();
    }
  }

  /** Miners whose slow wake-up is due at tick {@code t} stop sleeping. */
  void finishWakes(long t) {
    for (MinerModel m : miners) {
      m.finishWake(t);
    }
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
              m.powered ? m.uptimeSeconds(tick) : 0));
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
