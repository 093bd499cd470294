package io.flarewatch.central.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Report numbers keep their significant digits at any size and volumes the meter's decimals. */
class FiguresTest {

  @Test
  void smallSitesKeepSixSignificantDigits() {
    assertEquals("0.00000612345", Figures.significant(6.123454e-6).toPlainString());
    assertEquals("84.1849", Figures.significant(84.18488).toPlainString());
    assertEquals("123457", Figures.significant(123456.7).toPlainString());
    assertEquals("-6.47438", Figures.significant(-6.474384).toPlainString());
    assertEquals("16.5", Figures.significant(16.5).toPlainString());
    assertEquals("0", Figures.significant(0).toPlainString());
    assertNull(Figures.significant(Double.NaN));
  }

  @Test
  void uncertaintiesHaveTwoSignificantDigits() {
    assertEquals("0.41", Figures.significant(0.41283, 2).toPlainString());
    assertEquals("1200", Figures.significant(1234.5, 2).toPlainString());
  }

  @Test
  void volumesHaveTheMetersDecimals() {
    assertEquals("168", Figures.volume(168.0, 1).toPlainString(), "whole scf meter");
    assertEquals("168", Figures.volume(168.0, Double.NaN).toPlainString(), "step unknown");
    assertEquals("168.30", Figures.volume(168.3, 0.01).toPlainString(), "hundredths meter");
    assertEquals("129.16", Figures.volume(129.161224, 0.01).toPlainString());
    assertEquals("0.123457", Figures.volume(0.1234567, Double.NaN).toPlainString());
    assertEquals(2, Figures.decimals(0.01));
    assertEquals(1, Figures.decimals(0.5));
    assertEquals(0, Figures.decimals(10));
  }
}
