package io.flarewatch.edge.buffer;

import java.util.List;

/**
 * The edge's durable store of collected samples, one line protocol line each, kept until central
 * acknowledged them. Transactional in the Telegraf sense: take a batch, then remove it only once it
 * was accepted; a batch not removed is offered again.
 *
 * <p>Implementations are blocking: callers run them off the event loop.
 */
public interface SampleBuffer extends AutoCloseable {

  /** Stores lines durably; when this returns they count as collected. */
  void append(List<String> lines);

  /** Up to {@code maxLines} of the oldest lines not yet removed, in the order appended. */
  Batch oldest(int maxLines);

  /** Removes a batch central acknowledged. Removing it twice is harmless. */
  void remove(Batch batch);

  /**
   * Moves a batch central refused as malformed out of the way, kept with the reason for a person to
   * look at, so one bad line cannot block everything behind it.
   */
  void reject(Batch batch, String reason);

  BufferStats stats();

  @Override
  void close();
}
