package io.flarewatch.edge.polling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** Poll cycle counters and the durations of recent cycles (for metrics and the benchmark). */
public final class PollingStats {

  private static final int KEPT_DURATIONS = 10_000;

  private final long[] durations = new long[KEPT_DURATIONS];
  private int recorded;
  final AtomicLong cycles = new AtomicLong();
  final AtomicLong skippedCycles = new AtomicLong();
  final AtomicLong cyclesLost = new AtomicLong();
  final AtomicLong deviceFailures = new AtomicLong();
  final AtomicLong samples = new AtomicLong();
  volatile int lastMinersOnline;
  volatile int lastMinersTotal;
  private volatile LongConsumer cycleObserver = durationMillis -> {};

  synchronized void recordCycle(long durationMillis) {
    durations[recorded % KEPT_DURATIONS] = durationMillis;
    recorded++;
    cycles.incrementAndGet();
    cycleObserver.accept(durationMillis);
  }

  /** Hands every later cycle's duration in milliseconds to {@code observer} (metrics). */
  public void observeCycles(LongConsumer observer) {
    this.cycleObserver = observer;
  }

  /** Durations in milliseconds of the most recent cycles, oldest first. */
  public synchronized List<Long> recentCycleMillis() {
    int n = Math.min(recorded, KEPT_DURATIONS);
    List<Long> out = new ArrayList<>(n);
    for (int i = recorded - n; i < recorded; i++) {
      out.add(durations[i % KEPT_DURATIONS]);
    }
    return out;
  }

  public long cycles() {
    return cycles.get();
  }

  /** Cycles not started because the previous one was still running. */
  public long skippedCycles() {
    return skippedCycles.get();
  }

  /** Cycles polled but not stored: nothing of them reached the buffer (e.g. the disk was full). */
  public long cyclesLost() {
    return cyclesLost.get();
  }

  /** Device polls that failed (timeout, refused, bad reply, Modbus exception). */
  public long deviceFailures() {
    return deviceFailures.get();
  }

  /** Points collected and appended to the buffer. */
  public long samples() {
    return samples.get();
  }

  public int lastMinersOnline() {
    return lastMinersOnline;
  }

  public int lastMinersTotal() {
    return lastMinersTotal;
  }
}
