package io.flarewatch.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's load at every physics tick, oldest first, in a ring buffer (the oldest ticks go
 * when it is full). Guarded by the {@link SiteModel}'s lock.
 */
final class GeneratorTrace {

  private final long[] ticks;
  private final long[] startMillis;
  private final double[] kws;
  private int next;
  private int size;

  GeneratorTrace(int capacity) {
    ticks = new long[capacity];
    startMillis = new long[capacity];
    kws = new double[capacity];
  }

  void add(long tick, Instant at, double kw) {
    ticks[next] = tick;
    startMillis[next] = at.toEpochMilli();
    kws[next] = kw;
    next = (next + 1) % ticks.length;
    size = Math.min(size + 1, ticks.length);
  }

  List<GeneratorLoad> all() {
    List<GeneratorLoad> list = new ArrayList<>(size);
    int first = (next - size + ticks.length) % ticks.length;
    for (int i = 0; i < size; i++) {
      int k = (first + i) % ticks.length;
      list.add(new GeneratorLoad(ticks[k], Instant.ofEpochMilli(startMillis[k]), kws[k]));
    }
    return List.copyOf(list);
  }
}
