package io.flarewatch.central.query;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Shares one read per key among everyone who asks for it within a maximum age: a result whose read
 * started less than {@code maxAge} ago is answered again, a read still in flight is joined (every
 * concurrent caller shares one InfluxDB query), otherwise a new read starts. A failed read is not
 * kept: the next caller reads again. Nothing blocks; a maximum age of zero reads for every caller.
 *
 * <p>A caller may name an event it must see (e.g. ingest's notice that new samples were stored): a
 * read started for another event, or for none, does not serve it, while every caller naming the
 * same event shares one read.
 *
 * <p>With a stale window, a caller who names no event and finds the result past {@code maxAge} but
 * within {@code maxAge + staleFor} gets that result at once while one new read starts behind it
 * (stale-while-revalidate): no request waits for a refresh, and a result answered is at most {@code
 * maxAge + staleFor} old ({@link Read#startedAt} says how old). A failed refresh keeps the old
 * result until its window ends.
 *
 * <p>A result is kept only until it is too old to be answered, so memory holds the keys read in the
 * last {@code maxAge + staleFor}, and at most {@code maxKeys} of them.
 *
 * @param <K> what is read, e.g. a site id
 * @param <V> the result of a read
 */
public final class FreshFor<K, V> {

  /** A result answered again, with when its read started. */
  public record Read<V>(Instant startedAt, V value) {}

  private static final class Entry<V> {
    final Instant startedAt;
    final Object event;
    final Future<Read<V>> result;
    boolean refreshing;

    Entry(Instant startedAt, Object event, Future<Read<V>> result) {
      this.startedAt = startedAt;
      this.event = event;
      this.result = result;
    }
  }

  private final Duration maxAge;
  private final Duration staleFor;
  private final int maxKeys;
  private final Clock clock;
  // in the order the reads started: the oldest first
  private final Map<Object, Entry<V>> entries = new LinkedHashMap<>();

  /**
   * @param maxAge how long after its start a read is answered again; zero: never
   * @param maxKeys most keys kept at once; the oldest read is forgotten first
   * @param clock the time reads start at
   */
  public FreshFor(Duration maxAge, int maxKeys, Clock clock) {
    this(maxAge, Duration.ZERO, maxKeys, clock);
  }

  /**
   * @param maxAge how long after its start a read is answered again; zero: never
   * @param staleFor how long past {@code maxAge} a result is still answered while a new read runs
   * @param maxKeys most keys kept at once; the oldest read is forgotten first
   * @param clock the time reads start at
   */
  public FreshFor(Duration maxAge, Duration staleFor, int maxKeys, Clock clock) {
    if (staleFor.isNegative()) {
      throw new IllegalArgumentException("staleFor " + staleFor + " is negative");
    }
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge " + maxAge + " is negative");
    }
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys " + maxKeys + " is less than 1");
    }
    this.maxAge = maxAge;
    this.staleFor = maxAge.isZero() ? Duration.ZERO : staleFor;
    this.maxKeys = maxKeys;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code key}'s shared result, read by {@code read} when none is fresh or in flight. */
  public Future<Read<V>> get(K key, Function<K, Future<V>> read) {
    return get(key, null, read);
  }

  /**
   * {@code key}'s shared result read for {@code event} (null: any), read by {@code read} when none
   * is fresh or in flight.
   */
  public synchronized Future<Read<V>> get(K key, Object event, Function<K, Future<V>> read) {
    Instant now = clock.instant();
    forgetOld(now);
    Entry<V> kept = entries.get(key);
    if (kept != null && (event == null || event.equals(kept.event))) {
      if (fresh(kept, now)) {
        return kept.result;
      }
      if (event == null && kept.result.succeeded() && answerable(kept, now)) {
        if (!kept.refreshing) {
          kept.refreshing = true;
          refresh(key, kept, read, now);
        }
        return kept.result;
      }
    }
    Future<Read<V>> result = read.apply(key).map(v -> new Read<>(now, v));
    if (maxAge.isZero()) {
      return result;
    }
    Entry<V> started = new Entry<>(now, event, result);
    keep(key, started);
    result.onFailure(e -> forget(key, started));
    return result;
  }

  /** A new read behind {@code stale}, which it replaces when it succeeds. */
  private void refresh(K key, Entry<V> stale, Function<K, Future<V>> read, Instant now) {
    Future<Read<V>> next = read.apply(key).map(v -> new Read<>(now, v));
    next.onComplete(
        done -> {
          synchronized (this) {
            stale.refreshing = false;
            if (done.succeeded() && entries.get(key) == stale) {
              keep(key, new Entry<>(now, null, next));
            }
          }
        });
  }

  private void keep(Object key, Entry<V> entry) {
    entries.remove(key);
    entries.put(key, entry);
    if (entries.size() > maxKeys) {
      entries.remove(entries.keySet().iterator().next());
    }
  }

  /** How many keys are kept now. */
  synchronized int size() {
    return entries.size();
  }

  private synchronized void forget(Object key, Entry<V> entry) {
    entries.remove(key, entry);
  }

  /** In flight, or finished and younger than the maximum age. */
  private boolean fresh(Entry<V> entry, Instant now) {
    return !entry.result.isComplete() || now.isBefore(entry.startedAt.plus(maxAge));
  }

  /** Fresh, or finished and still within the stale window. */
  private boolean answerable(Entry<V> entry, Instant now) {
    return fresh(entry, now) || now.isBefore(entry.startedAt.plus(maxAge).plus(staleFor));
  }

  /** Drops the finished results too old to answer, which are the oldest. */
  private void forgetOld(Instant now) {
    Iterator<Entry<V>> oldestFirst = entries.values().iterator();
    while (oldestFirst.hasNext()) {
      Entry<V> entry = oldestFirst.next();
      if (answerable(entry, now)) {
        return;
      }
      oldestFirst.remove();
    }
  }
}
