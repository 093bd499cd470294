package io.flarewatch.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the simulator actually served, for end-to-end tests to compare against. Two bounded ring
 * buffers (miner replies, Modbus responses): when full, the oldest entry is dropped. Only complete
 * replies are recorded (not those cut by a RESET fault, nor exception responses). Thread-safe.
 */
public final class GroundTruth {
  private final int capacity;
  private final Deque<ServedMinerReading> miners = new ArrayDeque<>();
  private final Deque<ServedRegisters> registers = new ArrayDeque<>();

  public GroundTruth(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("ground truth capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  public int capacity() {
    return capacity;
  }

  synchronized void record(ServedMinerReading r) {
    if (miners.size() == capacity) {
      miners.removeFirst();
    }
    miners.addLast(r);
  }

  synchronized void record(ServedRegisters r) {
    if (registers.size() == capacity) {
      registers.removeFirst();
    }
    registers.addLast(r);
  }

  /** Replies served by one miner, oldest first. */
  public List<ServedMinerReading> minerReadings(String minerId) {
    return filter(miners, r -> r.minerId().equals(minerId));
  }

  /** All miner replies still held, oldest first. */
  public List<ServedMinerReading> minerReadings() {
    return filter(miners, r -> true);
  }

  /** Modbus responses served by one device (generator, genset-fuel, flare), oldest first. */
  public List<ServedRegisters> registerReadings(String deviceId) {
    return filter(registers, r -> r.deviceId().equals(deviceId));
  }

  /** All Modbus responses still held, oldest first. */
  public List<ServedRegisters> registerReadings() {
    return filter(registers, r -> true);
  }

  /** Forgets everything recorded so far. */
  public synchronized void clear() {
    miners.clear();
    registers.clear();
  }

  private synchronized <T> List<T> filter(Deque<T> source, Predicate<T> keep) {
    List<T> out = new ArrayList<>();
    for (T t : source) {
      if (keep.test(t)) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }
}
