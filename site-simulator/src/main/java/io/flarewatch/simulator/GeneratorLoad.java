package io.flarewatch.simulator;

import java.time.Instant;
import java.util.List;

/**
 * The generator's electrical load during one physics tick.
 *
 * @param tick the tick
 * @param at when the tick began
 * @param kw the load, kW (the miners' summed draw plus auxiliaries; 0 while shut down)
 */
public record GeneratorLoad(long tick, Instant at, double kw) {

  /**
   * The largest change of load from one tick to the next in {@code trace}, kW (0 for fewer than
   * two).
   */
  public static double largestStepKw(List<GeneratorLoad> trace) {
    double largest = 0;
    for (int i = 1; i < trace.size(); i++) {
      largest = Math.max(largest, Math.abs(trace.get(i).kw() - trace.get(i - 1).kw()));
    }
    return largest;
  }
}
