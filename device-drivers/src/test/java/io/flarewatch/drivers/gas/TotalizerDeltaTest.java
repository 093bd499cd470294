package io.flarewatch.drivers.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotalizerDeltaTest {

  /** uint32 scf totalizer, meter can pass at most 100 scf/s (8.64 MMscf/d). */
  private final TotalizerDelta meter = TotalizerDelta.forUint32(1.0, 100.0);

  @ParameterizedTest(name = "{0}: {1} -> {2} in {3}s = {4} {5}")
  @CsvSource(
      nullValues = "-",
      value = {
        // case, previous, current, seconds, expected kind, expected volume
        "first reading,        -,          1000,       60, FIRST_READING, -",
        "no flow,              5000,       5000,       60, DELTA,         0",
        "plain delta,          5000,       5600,       60, DELTA,         600",
        "delta at the limit,   5000,       11000,      60, DELTA,         6000",
        "rollover,             4294967000, 200,        60, ROLLOVER,      496",
        "rollover from top,    4294967295, 0,          60, ROLLOVER,      1",
        "reset to zero,        123456789,  0,          60, RESET,         -",
        "reset to small value, 123456789,  500,        60, RESET,         -",
        "implausible jump,     5000,       9000000,    60, RESET,         -",
        "rollover too big,     4294960000, 10000,      60, RESET,         -",
      })
  void computesIntervalVolume(
      String name,
      Double previous,
      double current,
      long seconds,
      TotalizerVolume.Kind kind,
      Double volume) {
    TotalizerVolume result = meter.between(previous, current, Duration.ofSeconds(seconds));

    assertEquals(kind, result.kind(), name);
    if (volume == null) {
      assertNull(result.volume(), name);
      assertTrue(result.knownVolume().isEmpty(), name);
    } else {
      assertEquals(volume, result.volume(), 1e-9, name);
    }
  }

  @Test
  void scaledRegisterWrapsAtScaledModulus() {
    TotalizerDelta tenScfPerCount = TotalizerDelta.forUint32(10.0, 100.0);
    double top = 4_294_967_296.0 * 10.0;

    TotalizerVolume result = tenScfPerCount.between(top - 30, 20.0, Duration.ofSeconds(60));

    assertEquals(TotalizerVolume.Kind.ROLLOVER, result.kind());
    assertEquals(50.0, result.volume(), 1e-6);
  }

  @Test
  void resetExplainsWhy() {
    TotalizerVolume result = meter.between(123456789.0, 0.0, Duration.ofSeconds(60));
    assertTrue(result.reason().contains("went back from 1.23456789E8 to 0.0"), result.reason());
  }

  @Test
  void rejectsReadingsOutsideTheRegisterRange() {
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class, () -> meter.between(10.0, -1, Duration.ofSeconds(1)));
    assertTrue(
        negative.getMessage().startsWith("current totalizer reading"), negative.getMessage());
    IllegalArgumentException beyond =
        assertThrows(
            IllegalArgumentException.class,
            () -> meter.between(4_294_967_296.0, 1, Duration.ofSeconds(1)));
    assertTrue(beyond.getMessage().startsWith("previous totalizer reading"), beyond.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> meter.between(10.0, Double.NaN, Duration.ofSeconds(1)));
  }

  @Test
  void rejectsNonPositiveInterval() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> meter.between(1.0, 2.0, Duration.ZERO));
    assertEquals("interval must be positive, got PT0S", e.getMessage());
  }

  @Test
  void rejectsBadConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> new TotalizerDelta(0, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TotalizerDelta(100, -5));
    assertEquals("maxFlowPerSecond must be a positive finite number, got -5.0", e.getMessage());
  }

  @Test
  void hundredthsOfAScfGiveVolumesInWholeHundredths() {
    TotalizerDelta meter = TotalizerDelta.forUint32(0.01, 1_000);
    // the edge decodes the register as raw × scale, so readings carry binary noise
    double previous = 100_017 * 0.01;
    double current = 100_045 * 0.01;
    assertEquals(0.28, meter.between(previous, current, Duration.ofSeconds(2)).volume(), 0.0);
  }

  @Test
  void hundredthsAddUpToExactlyWhatTheTotalizerAdvanced() {
    TotalizerDelta meter = TotalizerDelta.forUint32(0.01, 1_000);
    long raw = 4_294_967_296L - 5_000; // rolls over on the way
    long first = raw;
    double summed = 0;
    for (int i = 0; i < 1_000; i++) {
      long next = (raw + 1 + (i * 37) % 61) % 4_294_967_296L;
      summed += meter.between(raw * 0.01, next * 0.01, Duration.ofSeconds(2)).volume();
      raw = next;
    }
    long advancedSteps = (raw - first + 4_294_967_296L) % 4_294_967_296L;
    assertEquals(advancedSteps / 100.0, summed, 1e-7);
    assertEquals(Math.round(summed * 100), advancedSteps);
  }

  @Test
  void floatTotalizerVolumeIsTheDecimalDifferenceOfTheReadings() {
    // a float32 total in MCF read as scf (x 1000): the readings are the decimals they print as
    TotalizerDelta meter = new TotalizerDelta(Double.MAX_VALUE, 1_000, 0);
    TotalizerVolume volume = meter.between(1234567.7, 1234600.1, Duration.ofSeconds(60));
    // a binary subtraction gives 32.4000000001397
    assertEquals(32.4, volume.volume(), 0.0);
  }
}
