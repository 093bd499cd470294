package io.flarewatch.simulator;

import static io.flarewatch.simulator.ConfigChecks.between;
import static io.flarewatch.simulator.ConfigChecks.nonNegative;
import static io.flarewatch.simulator.ConfigChecks.positive;
import static io.flarewatch.simulator.ConfigChecks.require;

/**
 * The gas supply from the well ({@code gas} in the config): which {@link GasProfile} and its
 * parameters. Every scripted profile is deterministic by {@code seed}.
 *
 * @param profile the shape of the supply over time
 * @param baseMscfd flow of the scripted profiles before any drop, Mscf/d (random_walk uses {@code
 *     physics.supplyMeanMscfd})
 * @param amplitude fraction of the base: the decline of slow_decline, the swing of slugging, the
 *     drop of sudden_drop (0.5 halves the flow); 0..1
 * @param periodSeconds slow_decline: how long the decline takes; slugging: the slug period;
 *     shut_in_recovery: how long the flow takes to ramp back after the shut-in
 * @param atSecond when slow_decline, sudden_drop and shut_in_recovery begin (since the start)
 * @param durationSeconds sudden_drop: how long the drop lasts (0: for good); shut_in_recovery: how
 *     long the well stays shut in
 * @param noiseFraction seeded noise on the scripted profiles, a fraction of the flow (0..0.5)
 * @param seed seed of the noise
 */
public record GasConfig(
    GasProfile profile,
    double baseMscfd,
    double amplitude,
    double periodSeconds,
    double atSecond,
    double durationSeconds,
    double noiseFraction,
    long seed) {

  public GasConfig {
    require(profile != null, "gas.profile", "is missing");
    nonNegative(baseMscfd, "gas.baseMscfd");
    between(amplitude, 0, 1, "gas.amplitude");
    positive(periodSeconds, "gas.periodSeconds");
    nonNegative(atSecond, "gas.atSecond");
    nonNegative(durationSeconds, "gas.durationSeconds");
    between(noiseFraction, 0, 0.5, "gas.noiseFraction");
  }

  /**
   * The original random-walk supply; the scripted profiles' parameters default to: base {@code
   * baseMscfd}, amplitude 0.5, period 600 s, start at 600 s, duration 600 s, 1 % noise.
   */
  public static GasConfig defaults(double baseMscfd, long seed) {
    return new GasConfig(GasProfile.RANDOM_WALK, baseMscfd, 0.5, 600, 600, 600, 0.01, seed);
  }

  /** The same parameters with another profile. */
  public GasConfig withProfile(GasProfile p) {
    return new GasConfig(
        p, baseMscfd, amplitude, periodSeconds, atSecond, durationSeconds, noiseFraction, seed);
  }

  /** The same parameters with another base flow. */
  public GasConfig withBaseMscfd(double b) {
    return new GasConfig(
        profile, b, amplitude, periodSeconds, atSecond, durationSeconds, noiseFraction, seed);
  }

  /** Gas supply at {@code second} for a scripted profile, Mscf/d. */
  public double mscfdAt(double second) {
    return profile.mscfdAt(this, second);
  }
}
