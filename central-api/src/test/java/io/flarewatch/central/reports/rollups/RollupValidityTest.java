package io.flarewatch.central.reports.rollups;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RollupValidityTest {

  private static final long MARGIN = 65_000;
  private static final long WRITTEN = 1_767_225_600_000L;

  @Test
  void aDayWithoutMarkerKeepsItsRollup() {
    assertTrue(RollupValidity.valid(WRITTEN, null, MARGIN));
  }

  @Test
  void aRollupCountsFromTheMarginAfterTheWriteWasSent() {
    assertTrue(RollupValidity.valid(WRITTEN + MARGIN, WRITTEN, MARGIN));
    assertTrue(RollupValidity.valid(WRITTEN + MARGIN + 1, WRITTEN, MARGIN));
  }

  @Test
  void aRollupComputedWhileTheWriteMayStillBeInFlightDoesNotCount() {
    assertFalse(RollupValidity.valid(WRITTEN + MARGIN - 1, WRITTEN, MARGIN));
    assertFalse(RollupValidity.valid(WRITTEN + 1, WRITTEN, MARGIN));
    assertFalse(RollupValidity.valid(WRITTEN - 1, WRITTEN, MARGIN), "computed before the write");
  }

  @Test
  void aRollupIsDueWhenItWouldCount() {
    long due = RollupValidity.validFrom(WRITTEN, MARGIN);
    assertTrue(RollupValidity.valid(due, WRITTEN, MARGIN));
    assertFalse(RollupValidity.valid(due - 1, WRITTEN, MARGIN));
  }
}
