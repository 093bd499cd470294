package io.flarewatch.edge.buffer;

import java.util.List;

/**
 * Lines taken from the buffer: ids {@code firstId..lastId} inclusive, in order, appended between
 * {@code firstCollectedMillis} and {@code lastCollectedMillis}.
 */
public record Batch(
    long firstId,
    long lastId,
    long firstCollectedMillis,
    long lastCollectedMillis,
    List<String> lines) {

  public static final Batch EMPTY = new Batch(-1, -1, 0, 0, List.of());

  public Batch {
    lines = List.copyOf(lines);
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  public int size() {
    return lines.size();
  }

  /** How much collection time the batch covers, in milliseconds. */
  public long spanMillis() {
    return isEmpty() ? 0 : lastCollectedMillis - firstCollectedMillis;
  }
}
