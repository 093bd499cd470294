package io.flarewatch.edge.buffer;

import java.util.List;
import java.util.Map;

/**
 * The edge's durable store of collected samples, one line protocol line each, kept until central
 * acknowledged them. Transactional in the Telegraf sense: take a batch, then remove it only once it
 * was accepted; a batch not removed is offered again.
 *
 * <p>Implementations are blocking: callers run them off the event loop.
 */
public interface SampleBuffer extends AutoCloseable {

  /**
   * Stores lines durably, all of them or none; when this returns they count as collected.
   *
   * @return how many of the oldest lines were dropped to stay within the byte limit
   * @throws BufferException when nothing was stored (e.g. the disk is full and no room could be
   *     made); the buffer goes on working and later appends may succeed
   */
  default long append(List<String> lines) {
    return append(lines, Map.of());
  }

  /**
   * Stores lines and the gas meters' totalizer states in one transaction: all of them or none.
   *
   * @return how many of the oldest lines were dropped to stay within the byte limit
   * @throws BufferException when nothing was stored
   */
  long append(List<String> lines, Map<String, MeterState> meterStates);

  /**
   * Stores lines and, in the same transaction, the rows {@code alongside} writes to a table of its
   * own kept in the buffer's file (e.g. the commands'): all of them or none. {@code alongside} may
   * run more than once (again after the disk was full and room was made), each time in a new
   * transaction; lines may be empty.
   *
   * @return how many of the oldest lines were dropped to stay within the byte limit
   * @throws BufferException when nothing was stored
   */
  long append(List<String> lines, SqlWork<?> alongside);

  /** Reads tables kept in the buffer's file. */
  <T> T read(SqlWork<T> work);

  /** The meters' totalizer states as last appended, by meter id. */
  Map<String, MeterState> meterStates();

  /** Up to {@code maxLines} of the oldest lines not yet removed, in the order appended. */
  Batch oldest(int maxLines);

  /**
   * Up to {@code maxLines} of the most recent lines appended at or after {@code sinceMillis}, in
   * the order appended (the tail of the buffer): what dashboards need first after an outage.
   */
  Batch newest(int maxLines, long sinceMillis);

  /** Removes a batch central acknowledged. Removing it twice is harmless. */
  void remove(Batch batch);

  /**
   * Sets aside a batch central refused as malformed: it leaves the lines waiting for central and is
   * kept, with the reason, in the {@code rejected} table for a person to look at, so one bad line
   * cannot block everything behind it. (Unlike Telegraf's {@code Reject}, which puts a batch back
   * to be sent again.)
   */
  void setAside(Batch batch, String reason);

  BufferStats stats();

  @Override
  void close();
}
