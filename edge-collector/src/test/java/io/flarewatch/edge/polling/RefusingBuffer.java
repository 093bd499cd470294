package io.flarewatch.edge.polling;

import io.flarewatch.edge.buffer.Batch;
import io.flarewatch.edge.buffer.BufferException;
import io.flarewatch.edge.buffer.BufferStats;
import io.flarewatch.edge.buffer.MeterState;
import io.flarewatch.edge.buffer.SampleBuffer;
import io.flarewatch.edge.buffer.SqlWork;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A buffer that refuses the next appends on demand, as a full disk makes the real one do: the
 * refused append stores nothing.
 */
final class RefusingBuffer implements SampleBuffer {

  private final SampleBuffer delegate;
  private final AtomicInteger toRefuse = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  RefusingBuffer(SampleBuffer delegate) {
    this.delegate = delegate;
  }

  /** The next {@code appends} appends fail. */
  void refuseNext(int appends) {
    toRefuse.set(appends);
  }

  int refused() {
    return refused.get();
  }

  @Override
  public long append(List<String> lines, Map<String, MeterState> meterStates) {
    if (toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      refused.incrementAndGet();
      throw new BufferException("cannot append to the sample buffer: disk full (refused)", null);
    }
    return delegate.append(lines, meterStates);
  }

  @Override
  public long append(List<String> lines, SqlWork<?> alongside) {
    return delegate.append(lines, alongside);
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    return delegate.read(work);
  }

  @Override
  public Map<String, MeterState> meterStates() {
    return delegate.meterStates();
  }

  @Override
  public Batch oldest(int maxLines) {
    return delegate.oldest(maxLines);
  }

  @Override
  public Batch newest(int maxLines, long sinceMillis) {
    return delegate.newest(maxLines, sinceMillis);
  }

  @Override
  public void remove(Batch batch) {
    delegate.remove(batch);
  }

  @Override
  public void setAside(Batch batch, String reason) {
    delegate.setAside(batch, reason);
  }

  @Override
  public BufferStats stats() {
    return delegate.stats();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
