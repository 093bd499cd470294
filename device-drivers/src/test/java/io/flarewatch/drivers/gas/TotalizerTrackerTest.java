package io.flarewatch.drivers.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TotalizerTrackerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void followsASequenceOfReadingsAndCountsResets() {
    TotalizerTracker tracker =
        new TotalizerTracker("gas_meter", TotalizerDelta.forUint32(1.0, 100.0));
    double[] readings = {1000, 1600, 4294967000.0, 200, 0, 300};
    long[] seconds = {0, 60, 120, 180, 240, 300};

    List<TotalizerVolume> results =
        java.util.stream.IntStream.range(0, readings.length)
            .mapToObj(i -> tracker.accept(readings[i], T0.plusSeconds(seconds[i])))
            .toList();

    assertEquals(
        List.of(
            TotalizerVolume.Kind.FIRST_READING,
            TotalizerVolume.Kind.DELTA,
            TotalizerVolume.Kind.RESET, // 1600 -> 4294967000 in 60 s is no plausible flow
            TotalizerVolume.Kind.ROLLOVER,
            TotalizerVolume.Kind.RESET,
            TotalizerVolume.Kind.DELTA),
        results.stream().map(TotalizerVolume::kind).toList());
    assertEquals(600.0, results.get(1).volume(), 1e-9);
    assertEquals(496.0, results.get(3).volume(), 1e-9);
    assertEquals(300.0, results.get(5).volume(), 1e-9);
    assertEquals(2, tracker.resets());
  }

  @Test
  void rejectsReadingsNotLaterThanThePrevious() {
    TotalizerTracker tracker =
        new TotalizerTracker("gas_meter", TotalizerDelta.forUint32(1.0, 100.0));
    tracker.accept(10, T0);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tracker.accept(20, T0));
    assertEquals(
        "gas_meter: reading at 2026-03-01T00:00:00Z is not after the previous one at"
            + " 2026-03-01T00:00:00Z",
        e.getMessage());
  }

  @Test
  void resumingFromARememberedReadingYieldsTheVolumeSinceIt() {
    TotalizerTracker before = new TotalizerTracker("fuel", TotalizerDelta.forUint32(1, 1_000));
    before.accept(5_000, Instant.ofEpochSecond(100));
    TotalizerTracker.LastReading remembered = before.last().orElseThrow();

    TotalizerTracker after = new TotalizerTracker("fuel", TotalizerDelta.forUint32(1, 1_000));
    after.resumeFrom(remembered.value(), remembered.at());
    TotalizerVolume volume = after.accept(5_750, Instant.ofEpochSecond(160));

    assertEquals(TotalizerVolume.Kind.DELTA, volume.kind());
    assertEquals(750.0, volume.volume());
    assertThrows(IllegalStateException.class, () -> after.resumeFrom(1, Instant.EPOCH));
  }

  @Test
  void aMeasuredReadingNotCommittedLeavesTheNextVolumeCoveringTheWholeGap() {
    TotalizerTracker tracker = new TotalizerTracker("fuel", TotalizerDelta.forUint32(1, 1_000));
    tracker.accept(1_000, T0);

    TotalizerTracker.Pending lost = tracker.measure(1_018, T0.plusSeconds(10));
    TotalizerTracker.Pending stored = tracker.measure(1_030, T0.plusSeconds(20));
    tracker.commit(stored);

    assertEquals(18.0, lost.volume().volume(), "what the lost interval would have said");
    assertEquals(30.0, stored.volume().volume(), "the stored interval carries the whole gap");
    assertEquals(
        new TotalizerTracker.LastReading(1_030, T0.plusSeconds(20)), tracker.last().orElseThrow());
    assertThrows(IllegalStateException.class, () -> tracker.commit(lost), "moved on since");
  }

  @Test
  void aResetCountsOnlyOnceCommitted() {
    TotalizerTracker tracker = new TotalizerTracker("fuel", TotalizerDelta.forUint32(1, 1));
    tracker.accept(1_000, T0);

    TotalizerTracker.Pending reset = tracker.measure(5, T0.plusSeconds(10));
    assertEquals(TotalizerVolume.Kind.RESET, reset.volume().kind());
    assertEquals(0, tracker.resets());
    tracker.commit(reset);
    assertEquals(1, tracker.resets());
  }
}
