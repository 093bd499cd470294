package io.flarewatch.emissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/**
 * Two figures printed in the methodology reference do not follow from exact arithmetic. The code
 * computes the exact values; these tests pin them and show how the printed figures arose.
 */
class MethodologyErrataTest {

  private static BigDecimal round2(double value) {
    return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN);
  }

  /**
   * Example 1 prints avoided −6.48: the difference of the rounded totals 77.71 − 84.19. The exact
   * difference 77.71167960845 − 84.18606360845 is −6.474384, i.e. −6.47.
   */
  @Test
  void example1AvoidedIsExactlyMinus6Point474384AndPrintedAsDifferenceOfRoundedTotals()
      throws IOException {
    JsonNode fixture = WorkedExamplesTest.fixture();
    EmissionsResult result = WorkedExamplesTest.compute(fixture.get("examples").get(0), fixture);

    assertEquals(-6.474384, result.avoidedTco2e());
    assertEquals(new BigDecimal("-6.47"), round2(result.avoidedTco2e()));
    assertEquals(
        new BigDecimal("-6.48"),
        round2(result.baselineTco2e()).subtract(round2(result.projectTco2e())));
  }

  /**
   * Example 2 prints baseline CO2 1,222,520 scf = 64.31 t; 1,222,520 × 0.0526 kg/scf is 64,304.552
   * kg, i.e. 64.30 t (64.31 results from rounding twice, via 64.305). The printed total 102.53
   * already uses the exact value.
   */
  @Test
  void example2BaselineCo2IsExactly64Point304552Tonnes() throws IOException {
    JsonNode fixture = WorkedExamplesTest.fixture();
    EmissionsResult result = WorkedExamplesTest.compute(fixture.get("examples").get(1), fixture);

    assertEquals(1_222_520, result.baselineCo2Scf());
    assertEquals(64.304552, result.baselineCo2T());
    assertEquals(new BigDecimal("64.30"), round2(result.baselineCo2T()));
    assertEquals(
        new BigDecimal("64.31"),
        new BigDecimal(result.baselineCo2T())
            .setScale(3, RoundingMode.HALF_UP)
            .setScale(2, RoundingMode.HALF_UP));
    assertEquals(new BigDecimal("102.53"), round2(result.baselineTco2e()));
  }
}
