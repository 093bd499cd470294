package io.flarewatch.edge.buffer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Map;

/**
 * Runs the blocking {@link SampleBuffer} on one dedicated worker thread, so SQLite and fsync never
 * touch an event loop and every buffer operation happens in the order it was asked for.
 */
public final class BufferExecutor implements AutoCloseable {

  private final SampleBuffer buffer;
  private final WorkerExecutor worker;

  public BufferExecutor(Vertx vertx, SampleBuffer buffer) {
    this.buffer = buffer;
    this.worker = vertx.createSharedWorkerExecutor("edge-sample-buffer", 1);
  }

  /** Appends; the result is the number of old lines dropped to make room. */
  public Future<Long> append(List<String> lines) {
    return worker.executeBlocking(() -> buffer.append(lines));
  }

  /** Appends lines and the meters' totalizer states in one transaction. */
  public Future<Long> append(List<String> lines, Map<String, MeterState> meterStates) {
    return worker.executeBlocking(() -> buffer.append(lines, meterStates));
  }

  public Future<Map<String, MeterState>> meterStates() {
    return worker.executeBlocking(buffer::meterStates);
  }

  public Future<Batch> newest(int maxLines, long sinceMillis) {
    return worker.executeBlocking(() -> buffer.newest(maxLines, sinceMillis));
  }

  public Future<Batch> oldest(int maxLines) {
    return worker.executeBlocking(() -> buffer.oldest(maxLines));
  }

  public Future<Void> remove(Batch batch) {
    return worker.executeBlocking(
        () -> {
          buffer.remove(batch);
          return null;
        });
  }

  public Future<Void> reject(Batch batch, String reason) {
    return worker.executeBlocking(
        () -> {
          buffer.reject(batch, reason);
          return null;
        });
  }

  public Future<BufferStats> stats() {
    return worker.executeBlocking(buffer::stats);
  }

  /**
   * Runs other blocking work on the buffer's thread, in order with its operations (e.g. closing
   * it).
   */
  public <T> Future<T> run(java.util.concurrent.Callable<T> work) {
    return worker.executeBlocking(work);
  }

  @Override
  public void close() {
    worker.close();
  }
}
