package io.flarewatch.drivers.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MinerHashratesTest {

  @Test
  void unitsConvertByMovingTheDecimalPointNotByInexactFactors() {
    assertEquals(101.2, MinerHashrates.toThs(101_200_000, "MHS"));
    assertEquals(13.87652, MinerHashrates.toThs(13_876.52, "GHS"));
    assertEquals(0.000101, MinerHashrates.toThs(101_000, "KHS"));
    assertEquals(95.5, MinerHashrates.toThs(95.5, "ths"));
  }
}
