package io.flarewatch.central.audit;

import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.wire.AuditText;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: measurement {@code audit} in central's own database ({@link
 * InfluxClient#centralData()}), which ingest never writes, so no site token can add, flood or
 * shadow entries. Tags {@code user}, {@code role}, {@code via}, {@code site}, fields {@code
 * method}, {@code path}, {@code query}, {@code status}, {@code remote_address}, {@code
 * forwarded_for}, {@code note}. Timestamps are unique within a process (see {@link
 * UniqueTimestamps}); clustered replicas each add tag {@code replica} (an id made at start), so two
 * replicas' entries of one user in one nanosecond are two points. No entry ever overwrites another.
 */
public final class AuditLog {

  public static final String MEASUREMENT = "audit";
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final int MAX_TAG_CHARS = 128;
  private static final int MAX_FIELD_CHARS = 2048;

  private final InfluxClient influx;
  private final UniqueTimestamps timestamps;
  private final String replica;
  private final AtomicLong lostEntries = new AtomicLong();

  public AuditLog(InfluxClient influx) {
    this(influx, (String) null);
  }

  /**
   * @param replica this replica's id among clustered replicas, tagged on every entry; null alone
   */
  public AuditLog(InfluxClient influx, String replica) {
    this(influx, System::currentTimeMillis, replica);
  }

  AuditLog(InfluxClient influx, LongSupplier epochMillis) {
    this(influx, epochMillis, null);
  }

  AuditLog(InfluxClient influx, LongSupplier epochMillis, String replica) {
    this.influx = influx.centralData();
    this.timestamps = new UniqueTimestamps(epochMillis);
    this.replica = replica;
  }

  /**
   * Stores the entry; fails when InfluxDB did not store it.
   *
   * <p>This is the hook for actions that change something (commands, curtailment, users): they must
   * record here before they act and fail (503) when the record fails, so that nothing happens
   * unaudited. Reads use {@link #recordOrCount(AuditEntry)}.
   */
  public Future<Void> record(AuditEntry entry) {
    long nanos = timestamps.nextNanos();
    return influx.write(Buffer.buffer(line(entry, nanos, replica)), "ns");
  }

  /**
   * Stores the entry after a read was answered; when that fails, logs an error and counts the lost
   * entry ({@link #lostEntries()}). The returned future always succeeds.
   */
  public Future<Void> recordOrCount(AuditEntry entry) {
    return record(entry)
        .recover(
            e -> {
              long lost = lostEntries.incrementAndGet();
              LOG.error(
                  "audit entry NOT stored ({} lost so far): {} {} {} by {} from {}: {}",
                  lost,
                  entry.method(),
                  entry.path(),
                  entry.status(),
                  entry.user(),
                  entry.remoteAddress(),
                  e.getMessage());
              return Future.succeededFuture();
            });
  }

  /** Audit entries that could not be stored since start. */
  public long lostEntries() {
    return lostEntries.get();
  }

  /**
   * The entry as one line of line protocol. The point is encoded with the timestamp's millisecond
   * and the six sub-millisecond digits are appended, giving a nanosecond timestamp.
   */
  static String line(AuditEntry entry, long nanos, String replica) {
    Point point =
        Point.builder(MEASUREMENT, nanos / 1_000_000L)
            .tag("user", tagValue(entry.user()))
            .tag("role", tagValue(entry.role()))
            .tag("via", tagValue(entry.via()))
            .tag("site", tagValue(entry.site()))
            .tag("replica", replica)
            .field("method", fieldValue(entry.method()))
            .field("path", fieldValue(entry.path()))
            .field("query", fieldValue(entry.query()))
            .field("status", (long) entry.status())
            .field("remote_address", fieldValue(entry.remoteAddress()))
            .field("forwarded_for", fieldValue(entry.forwardedFor()))
            .field("note", fieldValue(entry.note()))
            .build();
    StringBuilder line = new StringBuilder(256);
    LineProtocol.appendTo(line, point);
    line.append(String.format("%06d", nanos % 1_000_000L)).append('\n');
    return line.toString();
  }

  /**
   * Client-supplied text (a claimed user name, a provider's subject) made safe as a tag value:
   * control characters and backslashes become '?', at most 128 characters.
   */
  private static String tagValue(String text) {
    return AuditText.tagValue(text, MAX_TAG_CHARS);
  }

  private static String fieldValue(String text) {
    return AuditText.fieldValue(text, MAX_FIELD_CHARS);
  }
}
