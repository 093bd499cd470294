package io.flarewatch.edge.buffer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Runs the blocking {@link SampleBuffer} on one dedicated worker thread, so SQLite and fsync never
 * touch an event loop and every buffer operation happens in the order it was asked for.
 */
public final class BufferExecutor {

  private static final String WORKER = "edge-sample-buffer";

  private final SampleBuffer buffer;
  private final WorkerExecutor worker;

  private BufferExecutor(SampleBuffer buffer, WorkerExecutor worker) {
    this.buffer = buffer;
    this.worker = worker;
  }

  /** Runs an already open buffer. */
  public BufferExecutor(Vertx vertx, SampleBuffer buffer) {
    this(buffer, vertx.createSharedWorkerExecutor(WORKER, 1));
  }

  /**
   * Opens a buffer on the buffer's own worker thread (opening checks the file and may move a
   * corrupt one aside: blocking work) and runs it there.
   */
  public static Future<BufferExecutor> open(Vertx vertx, Callable<SampleBuffer> opener) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor(WORKER, 1);
    return worker
        .executeBlocking(opener)
        .map(buffer -> new BufferExecutor(buffer, worker))
        .onFailure(e -> worker.close());
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

  /** Sets a batch central refused aside (see {@link SampleBuffer#setAside}). */
  public Future<Void> setAside(Batch batch, String reason) {
    return worker.executeBlocking(
        () -> {
          buffer.setAside(batch, reason);
          return null;
        });
  }

  public Future<BufferStats> stats() {
    return worker.executeBlocking(buffer::stats);
  }

  /**
   * Runs blocking work with the buffer itself on the buffer's thread, in order with its other
   * operations: a read and an append then happen with nothing else in between.
   */
  public <T> Future<T> withBuffer(Function<SampleBuffer, T> work) {
    return worker.executeBlocking(() -> work.apply(buffer));
  }

  /** Runs other blocking work on the buffer's thread, in order with its operations. */
  public <T> Future<T> run(Callable<T> work) {
    return worker.executeBlocking(work);
  }

  /** Closes the buffer on its thread, after everything asked before, then the thread. */
  public Future<Void> close() {
    return worker
        .executeBlocking(
            () -> {
              buffer.close();
              return (Void) null;
            })
        .eventually(worker::close);
  }
}
