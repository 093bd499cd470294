package io.flarewatch.central.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows split where a new parameter set's first interval begins, and count up to now. */
class SegmentTest {

  private static final int POLL = 600;
  private static final Instant DAY = Instant.parse("2026-01-10T00:00:00Z");
  private static final ReportPeriod.Span SPAN =
      new ReportPeriod.Span(DAY, Instant.parse("2026-01-11T00:00:00Z"));

  private static Chunk run(String set, String first, String last, double firstSpan, long n) {
    double[] sums = new double[Chunk.FIGURES.size()];
    sums[Chunk.figure("avoided_tco2e")] = n;
    return new Chunk(
        "s",
        DAY,
        Instant.parse(first),
        Instant.parse(last),
        firstSpan,
        "m",
        set,
        sums,
        n,
        n * (double) POLL + (firstSpan - POLL),
        n,
        firstSpan > POLL ? 1 : 0,
        0.01);
  }

  @Test
  void aChangeAfterAnOutageSplitsWhereTheNewSetsFirstIntervalBegins() {
    // set a up to 09:50; edge down; resumes with set b at 10:30, carrying 40 minutes of gas
    List<Segment> rows =
        Segment.of(
            "s",
            SPAN,
            List.of(
                run("a", "2026-01-10T00:00:00Z", "2026-01-10T09:50:00Z", POLL, 60),
                run("b", "2026-01-10T10:30:00Z", "2026-01-10T23:50:00Z", 2400, 81)),
            POLL);
    assertEquals(2, rows.size());
    assertEquals(DAY, rows.get(0).start());
    assertEquals(Instant.parse("2026-01-10T10:00:00Z"), rows.get(0).end());
    assertEquals(Instant.parse("2026-01-10T10:00:00Z"), rows.get(1).start());
    assertEquals(SPAN.end(), rows.get(1).end());
    Instant later = Instant.parse("2026-02-01T00:00:00Z");
    assertEquals(60, rows.get(0).expectedIntervals(later, POLL));
    assertEquals(84, rows.get(1).expectedIntervals(later, POLL));
    Chunk b = rows.get(1).data();
    assertEquals(
        84,
        Segment.coveredIntervals(b.spanSeconds(), b.spanned(), b.intervals(), POLL),
        "the outage's 4 polls are covered by the interval that carried their gas");
  }

  @Test
  void consecutiveChunksOfOneSetMakeOneRow() {
    List<Segment> rows =
        Segment.of(
            "s",
            SPAN,
            List.of(
                run("a", "2026-01-10T00:00:00Z", "2026-01-10T09:50:00Z", POLL, 60),
                run("a", "2026-01-10T10:00:00Z", "2026-01-10T23:50:00Z", POLL, 84)),
            POLL);
    assertEquals(1, rows.size());
    assertEquals(144, rows.get(0).data().intervals());
  }

  @Test
  void aPeriodWithoutPointsIsOneEmptyRow() {
    List<Segment> rows = Segment.of("s", SPAN, List.of(), POLL);
    assertEquals(1, rows.size());
    assertNull(rows.get(0).data());
    assertNull(rows.get(0).parameterSet());
  }

  @Test
  void intervalsThatHaveNotHappenedAreNotExpected() {
    Segment today = new Segment("s", SPAN.start(), SPAN.end(), null);
    assertEquals(
        6 * 6,
        today.expectedIntervals(Instant.parse("2026-01-10T06:05:00Z"), POLL),
        "06:05 into the day: 36 intervals, not the day's 144");
    assertEquals(0, today.expectedIntervals(Instant.parse("2026-01-09T12:00:00Z"), POLL));
    assertEquals(144, today.expectedIntervals(SPAN.end(), POLL));
  }
}
