package io.flarewatch.edge.buffer;

import java.util.List;

/** Lines taken from the buffer: ids {@code firstId..lastId} inclusive, in order. */
public record Batch(long firstId, long lastId, List<String> lines) {

  public Batch {
    lines = List.copyOf(lines);
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  public int size() {
    return lines.size();
  }
}
