package io.flarewatch.edge.uplink;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the uplink sent, for metrics and tests. */
public final class UplinkStats {

  final AtomicLong batchesSent = new AtomicLong();
  final AtomicLong linesSent = new AtomicLong();
  final AtomicLong bytesSent = new AtomicLong();
  final AtomicLong fieldValuesSent = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong linesRejected = new AtomicLong();

  public long batchesSent() {
    return batchesSent.get();
  }

  public long linesSent() {
    return linesSent.get();
  }

  /** Compressed request-body bytes central acknowledged. */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** Field values in the lines central acknowledged. */
  public long fieldValuesSent() {
    return fieldValuesSent.get();
  }

  public long failures() {
    return failures.get();
  }

  /** Lines central refused as malformed, set aside instead of retried forever. */
  public long linesRejected() {
    return linesRejected.get();
  }
}
