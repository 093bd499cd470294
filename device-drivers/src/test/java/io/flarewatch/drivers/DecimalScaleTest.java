package io.flarewatch.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalScaleTest {

  @Test
  void powersOfTenAreExact() {
    assertEquals(101.2, DecimalScale.byPowerOfTen(101_200_000, -6), 0.0);
    assertEquals(0.3, DecimalScale.byPowerOfTen(3, -1), 0.0);
    assertEquals(1500.0, DecimalScale.byPowerOfTen(1.5, 3), 0.0);
  }

  @Test
  void nonFiniteAndZeroPassThrough() {
    assertEquals(Double.NaN, DecimalScale.byPowerOfTen(Double.NaN, -6));
    assertEquals(Double.POSITIVE_INFINITY, DecimalScale.byPowerOfTen(Double.POSITIVE_INFINITY, 3));
    assertEquals(0.0, DecimalScale.byPowerOfTen(0.0, -9));
  }

  @Test
  void scaleAndOffsetRoundOnce() {
    assertEquals(
        -39.3,
        DecimalScale.apply(BigDecimal.valueOf(7), new BigDecimal("0.1"), BigDecimal.valueOf(-40)),
        0.0);
    assertEquals(101.2, DecimalScale.ofFloat(101.2f).doubleValue(), 0.0);
  }
}
