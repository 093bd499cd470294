package io.flarewatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gas arriving from the well: the configured {@link GasProfile} (a scripted function of time, or
 * the original mean-reverting random walk), times (1 − drop) for scheduled and injected supply
 * drops. Guarded by the {@link SiteModel}'s lock.
 */
final class GasSupply {

  /** A supply drop injected at runtime: from tick {@code from} (inclusive) to {@code to}. */
  private record RuntimeDrop(long from, long to, double fraction) {}

  private final PhysicsConfig physics;
  private final GasConfig gas;
  private final long tickMillis;
  private final List<RuntimeDrop> runtimeDrops = new ArrayList<>();
  private double walkMscfd;
  private double supplyMscfd;

  GasSupply(PhysicsConfig physics, GasConfig gas, long tickMillis) {
    this.physics = physics;
    this.gas = gas;
    this.tickMillis = tickMillis;
    this.walkMscfd = physics.supplyMeanMscfd();
  }

  /**
   * Advances the supply to tick {@code t} and applies drops: a scripted profile at the tick's start
   * second, or the walk (one Gaussian draw after tick 0).
   */
  void step(long t, SplittableRandom rng) {
    if (gas.profile() != GasProfile.RANDOM_WALK) {
      supplyMscfd = gas.mscfdAt(t * tickMillis / 1000.0) * (1 - dropFraction(t));
      return;
    }
    double mean = physics.supplyMeanMscfd();
    if (t > 0) {
      walkMscfd +=
          physics.supplyMeanReversion() * (mean - walkMscfd)
              + physics.supplyStepMscfd() * rng.nextGaussian();
      walkMscfd = Math.max(0, walkMscfd);
    }
    supplyMscfd = walkMscfd * (1 - dropFraction(t));
  }

  /** Supply during the current tick, Mscf/d. */
  double mscfd() {
    return supplyMscfd;
  }

  /** The supply the site was built for, Mscf/d: the profile's base, or the walk's mean. */
  double meanMscfd() {
    return gas.profile() == GasProfile.RANDOM_WALK ? physics.supplyMeanMscfd() : gas.baseMscfd();
  }

  /** The supply drops by {@code fraction} for {@code ticks} ticks from tick {@code from}. */
  void drop(long from, long ticks, double fraction) {
    runtimeDrops.add(new RuntimeDrop(from, from + ticks, fraction));
  }

  private double dropFraction(long t) {
    double fraction = 0;
    for (PhysicsConfig.SupplyDrop d : physics.supplyDrops()) {
      long from = Ticks.ceil(d.atSecond(), tickMillis);
      long to = from + Ticks.ceil(d.durationSeconds(), tickMillis);
      if (t >= from && t < to) {
        fraction = Math.max(fraction, d.fraction());
      }
    }
    for (RuntimeDrop d : runtimeDrops) {
      if (t >= d.from() && t < d.to()) {
        fraction = Math.max(fraction, d.fraction());
      }
    }
    return fraction;
  }
}
