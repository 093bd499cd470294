package io.flarewatch.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The shape of the gas supply over time ({@code gas.profile}). Every scripted profile is a pure
 * function of simulated time and the seed ({@link #mscfdAt(GasConfig, double)}), so a fast clock,
 * any tick length and real time give the same supply at the same second.
 */
public enum GasProfile {
  /**
   * The original supply: a mean-reverting random walk around {@code physics.supplyMeanMscfd}
   * ({@code physics.supplyStepMscfd}, {@code physics.supplyMeanReversion}), drawn tick by tick. Not
   * a function of time alone: it depends on the tick length.
   */
  @JsonProperty("random_walk")
  RANDOM_WALK,
  /** {@code baseMscfd} with seeded noise. */
  @JsonProperty("steady")
  STEADY,
  /**
   * From {@code atSecond} the flow falls linearly by {@code amplitude} (a fraction of the base)
   * over {@code periodSeconds}, then stays there.
   */
  @JsonProperty("slow_decline")
  SLOW_DECLINE,
  /**
   * Liquid slugs: the flow swings by ± {@code amplitude} of the base in a sine of period {@code
   * periodSeconds} (mean = base).
   */
  @JsonProperty("slugging")
  SLUGGING,
  /**
   * At {@code atSecond} the flow drops at once by {@code amplitude} (0.5 halves it) for {@code
   * durationSeconds} (0: for good).
   */
  @JsonProperty("sudden_drop")
  SUDDEN_DROP,
  /**
   * At {@code atSecond} the well is shut in: no gas at all for {@code durationSeconds}; then the
   * flow ramps back linearly to the base over {@code periodSeconds}.
   */
  @JsonProperty("shut_in_recovery")
  SHUT_IN_RECOVERY;

  /** The name in the config, e.g. {@code shut_in_recovery}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Seconds between the knots of the seeded noise (linearly interpolated between them). */
  static final double NOISE_KNOT_SECONDS = 10;

  /**
   * Gas supply at {@code second} (since the start) for a scripted profile, Mscf/d: the shape times
   * (1 + seeded noise), never negative.
   *
   * @throws IllegalStateException for {@link #RANDOM_WALK}, which is not a function of time
   */
  public double mscfdAt(GasConfig gas, double second) {
    double shape = shapeAt(gas, second);
    return Math.max(0, gas.baseMscfd() * shape * (1 + gas.noiseFraction() * noise(gas, second)));
  }

  /** The profile's shape at {@code second}: flow as a fraction of the base, before noise. */
  public double shapeAt(GasConfig gas, double second) {
    double sinceStart = second - gas.atSecond();
    return switch (this) {
      case RANDOM_WALK -> throw new IllegalStateException("random_walk is not a function of time");
      case STEADY -> 1;
      case SLOW_DECLINE -> 1 - gas.amplitude() * clamp01(sinceStart / gas.periodSeconds());
      case SLUGGING -> 1 + gas.amplitude() * Math.sin(2 * Math.PI * second / gas.periodSeconds());
      case SUDDEN_DROP ->
          sinceStart >= 0 && (gas.durationSeconds() == 0 || sinceStart < gas.durationSeconds())
              ? 1 - gas.amplitude()
              : 1;
      case SHUT_IN_RECOVERY -> {
        if (sinceStart < 0) {
          yield 1;
        }
        double reopened = sinceStart - gas.durationSeconds();
        yield reopened < 0 ? 0 : clamp01(reopened / gas.periodSeconds());
      }
    };
  }

  /** Seeded noise in [-1, 1]: uniform values at knots every 10 s, linear in between. */
  static double noise(GasConfig gas, double second) {
    double k = Math.floor(second / NOISE_KNOT_SECONDS);
    double frac = second / NOISE_KNOT_SECONDS - k;
    double a = knot(gas.seed(), (long) k);
    double b = knot(gas.seed(), (long) k + 1);
    return a + (b - a) * frac;
  }

  private static double knot(long seed, long k) {
    long z = seed * 0x9E3779B97F4A7C15L + k * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53 * 2 - 1;
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
