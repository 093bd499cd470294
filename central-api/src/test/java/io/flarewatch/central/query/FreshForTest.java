package io.flarewatch.central.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FreshForTest {

  private static final Duration MAX_AGE = Duration.ofSeconds(5);

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T12:00:00Z"));
  private final Reads reads = new Reads();
  private final FreshFor<String, String> memo = new FreshFor<>(MAX_AGE, 10, clock);

  @Test
  void concurrentCallersShareOneRead() {
    Future<FreshFor.Read<String>> first = memo.get("a", reads);
    Future<FreshFor.Read<String>> second = memo.get("a", reads);
    clock.advance(Duration.ofSeconds(10)); // a slow read is joined, however long it takes
    Future<FreshFor.Read<String>> third = memo.get("a", reads);
    assertEquals(1, reads.count("a"));
    assertFalse(first.isComplete());

    reads.finish(0, "v1");
    for (Future<FreshFor.Read<String>> answer : List.of(first, second, third)) {
      assertEquals("v1", answer.result().value());
      assertEquals(Instant.parse("2026-11-26T12:00:00Z"), answer.result().startedAt());
    }
  }

  @Test
  void withinTheStaleWindowTheOldResultIsAnsweredAtOnceWhileOneReadRefreshesIt() {
    FreshFor<String, String> stale = new FreshFor<>(MAX_AGE, MAX_AGE, 10, clock);
    Instant first = clock.instant();
    stale.get("a", reads);
    reads.finish(0, "v1");
    clock.advance(MAX_AGE.plusSeconds(1));

    Future<FreshFor.Read<String>> during = stale.get("a", reads);
    Future<FreshFor.Read<String>> alsoDuring = stale.get("a", reads);
    assertEquals("v1", during.result().value(), "answered without waiting for the refresh");
    assertEquals(first, during.result().startedAt(), "and says how old it is");
    assertEquals("v1", alsoDuring.result().value());
    assertEquals(2, reads.count("a"), "one refresh for every caller in the window");

    Instant refreshStarted = clock.instant();
    reads.finish(1, "v2");
    Future<FreshFor.Read<String>> after = stale.get("a", reads);
    assertEquals("v2", after.result().value());
    assertEquals(refreshStarted, after.result().startedAt());
    assertEquals(2, reads.count("a"));
  }

  @Test
  void pastTheStaleWindowACallerWaitsForANewRead() {
    FreshFor<String, String> stale = new FreshFor<>(MAX_AGE, MAX_AGE, 10, clock);
    stale.get("a", reads);
    reads.finish(0, "v1");
    clock.advance(MAX_AGE.multipliedBy(2));

    Future<FreshFor.Read<String>> late = stale.get("a", reads);
    assertFalse(late.isComplete(), "a result twice the max age old is not answered");
    reads.finish(1, "v2");
    assertEquals("v2", late.result().value());
  }

  @Test
  void aFailedRefreshKeepsTheOldResultUntilItsWindowEnds() {
    FreshFor<String, String> stale = new FreshFor<>(MAX_AGE, MAX_AGE, 10, clock);
    stale.get("a", reads);
    reads.finish(0, "v1");
    clock.advance(MAX_AGE.plusSeconds(1));
    stale.get("a", reads);
    reads.fail(1, new IllegalStateException("influxd down"));

    assertEquals("v1", stale.get("a", reads).result().value());
    assertEquals(3, reads.count("a"), "the next caller starts another refresh");
  }

  @Test
  void aCallerNamingAnEventIsNeverAnsweredFromTheStaleWindow() {
    FreshFor<String, String> stale = new FreshFor<>(MAX_AGE, MAX_AGE, 10, clock);
    stale.get("a", "notice-1", reads);
    reads.finish(0, "v1");
    clock.advance(MAX_AGE.plusSeconds(1));

    Future<FreshFor.Read<String>> same = stale.get("a", "notice-1", reads);
    assertFalse(same.isComplete(), "an old result is not what the notice asked for");
    assertEquals(2, reads.count("a"));
  }

  @Test
  void aResultIsAnsweredUntilMaxAgeThenReadAgain() {
    memo.get("a", reads);
    reads.finish(0, "v1");
    clock.advance(MAX_AGE.minusMillis(1));
    assertEquals("v1", memo.get("a", reads).result().value());
    assertEquals(1, reads.count("a"));

    clock.advance(Duration.ofMillis(1));
    Future<FreshFor.Read<String>> again = memo.get("a", reads);
    assertEquals(2, reads.count("a"));
    reads.finish(1, "v2");
    assertEquals("v2", again.result().value());
    assertEquals(clock.instant(), again.result().startedAt());
  }

  @Test
  void aFailedReadIsNotKept() {
    Future<FreshFor.Read<String>> failed = memo.get("a", reads);
    reads.fail(0, new IllegalStateException("influx down"));
    assertTrue(failed.failed());

    Future<FreshFor.Read<String>> retried = memo.get("a", reads);
    assertEquals(2, reads.count("a"));
    reads.finish(1, "v1");
    assertEquals("v1", retried.result().value());
  }

  @Test
  void eachKeyIsReadByItself() {
    Future<FreshFor.Read<String>> a = memo.get("a", reads);
    Future<FreshFor.Read<String>> b = memo.get("b", reads);
    assertEquals(1, reads.count("a"));
    assertEquals(1, reads.count("b"));
    reads.finish(0, "va");
    reads.finish(1, "vb");
    assertEquals("va", a.result().value());
    assertEquals("vb", b.result().value());
  }

  @Test
  void callersOfOneEventShareARead() {
    memo.get("a", reads);
    reads.finish(0, "before");
    Object stored = new Object();

    Future<FreshFor.Read<String>> first = memo.get("a", stored, reads);
    Future<FreshFor.Read<String>> second = memo.get("a", stored, reads);
    Future<FreshFor.Read<String>> anyone = memo.get("a", reads);
    assertEquals(2, reads.count("a"));
    reads.finish(1, "after");
    assertSame(first, second);
    assertEquals("after", second.result().value());
    assertEquals("after", anyone.result().value());
  }

  @Test
  void zeroMaxAgeReadsForEveryCaller() {
    FreshFor<String, String> never = new FreshFor<>(Duration.ZERO, 10, clock);
    never.get("a", reads);
    never.get("a", reads);
    assertEquals(2, reads.count("a"));
    assertEquals(0, never.size());
  }

  @Test
  void oldResultsAndTheOldestKeysAreForgotten() {
    FreshFor<String, String> small = new FreshFor<>(MAX_AGE, 2, clock);
    for (String key : List.of("a", "b", "c")) {
      small.get(key, reads);
    }
    assertEquals(2, small.size());
    for (int i = 0; i < 3; i++) {
      reads.finish(i, "v" + i);
    }
    clock.advance(MAX_AGE);
    small.get("d", reads);
    assertEquals(1, small.size());
  }

  @Test
  void aNegativeMaxAgeIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new FreshFor<>(Duration.ofSeconds(-1), 1, clock));
  }

  /** Reads that finish when the test says, counted per key. */
  private static final class Reads implements Function<String, Future<String>> {
    private final List<String> keys = new ArrayList<>();
    private final List<Promise<String>> pending = new ArrayList<>();

    @Override
    public Future<String> apply(String key) {
      keys.add(key);
      Promise<String> promise = Promise.promise();
      pending.add(promise);
      return promise.future();
    }

    long count(String key) {
      return keys.stream().filter(key::equals).count();
    }

    void finish(int read, String value) {
      pending.get(read).complete(value);
    }

    void fail(int read, Throwable cause) {
      pending.get(read).fail(cause);
    }
  }

  private static final class FakeClock extends Clock {
    private Instant now;

    FakeClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
