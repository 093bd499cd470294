package io.flarewatch.central;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.emissions.EmissionsResult;
import io.flarewatch.emissions.SiteEmissionsParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Emissions and meter points as the edge writes them, for report tests: two parameter sets of gas A
 * (a new lab analysis, flare and pressure base change at an outage), with the raw volumes kept so
 * tests can recompute every figure independently.
 */
final class ReportSeed {

  /** One emissions interval as seeded. */
  record Interval(String site, Instant time, double cf, double spanSeconds, Set set) {}

  /** A parameter set of gas A: flare single efficiency, meter pressure base, analysis date. */
  record Set(SiteEmissionsParameters parameters, double flare, double base) {}

  static Set set(double flare, double base, String analysisDate) {
    try {
      return new Set(
          SiteEmissionsParameters.fromJson(
              new ObjectMapper()
                  .readTree(
                      """
                      {"gasComposition": {"CH4": 0.75, "C2H6": 0.12, "C3H8": 0.06,
                                          "C4H10": 0.025, "C5+": 0.01, "CO2": 0.02, "N2": 0.015},
                       "compositionSource": "test gas A, separator outlet",
                       "compositionAnalysisDate": "%s",
                       "flare": {"efficiency": %s, "source": "test"},
                       "engine": {"type": "FOUR_STROKE_LEAN_BURN"},
                       "pressureBasePsia": %s,
                       "uncertainty": {"meterRelative": 0.01, "compositionRelative": 0.02,
                                       "flareEfficiency": 0.03, "engineEfficiency": 0.005}}
                      """
                          .formatted(analysisDate, flare, base))),
          flare,
          base);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An emissions point as the edge writes it; without the set tag when {@code tagged} is false. */
  static String emissions(Interval i, boolean tagged, long pollSeconds) {
    EmissionsResult r = EmissionsCalculator.compute(i.cf(), i.set().parameters());
    StringBuilder line =
        new StringBuilder("emissions,device=fuel,methodology=")
            .append(r.methodologyId())
            .append(tagged ? ",parameter_set=" + i.set().parameters().id() : "")
            .append(",site=")
            .append(i.site())
            .append(' ');
    List<String> fields = new ArrayList<>();
    for (Map.Entry<String, Double> f : r.figures().entrySet()) {
      fields.add(f.getKey() + "=" + f.getValue());
    }
    if (tagged) {
      fields.add("interval_seconds=" + i.spanSeconds());
      fields.add("spans_outage=" + (i.spanSeconds() > 1.5 * pollSeconds ? "1i" : "0i"));
      fields.add("volume_resolution_cf=0.01");
    }
    r.parameters()
        .forEach(
            (k, v) ->
                fields.add(
                    "param_" + k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    return line.append(String.join(",", fields))
        .append(' ')
        .append(i.time().toEpochMilli())
        .append('\n')
        .toString();
  }

  static String meter(String site, String role, double cf, double span, Instant time) {
    return "gas_meter,device="
        + (role.startsWith("flare") ? "flare" : "fuel")
        + ",role="
        + role
        + ",site="
        + site
        + " up=1i,interval_volume_scf="
        + cf
        + ",interval_seconds="
        + span
        + ",volume_resolution_cf=0.01 "
        + time.toEpochMilli()
        + "\n";
  }

  /**
   * The methodology's figures for {@code cf} of gas A, written out from the equations of
   * methodology.md without the methodology module: {gas_volume_scf, baseline_tco2e, project_tco2e,
   * avoided_tco2e}. Every figure is linear in the volume, so a sum of intervals is this of their
   * summed volume.
   */
  static double[] byHand(double cf, double base, double flareDestruction, double flareCombustion) {
    double v = cf * base / 14.7;
    double carbon = 0.75 * 1 + 0.12 * 2 + 0.06 * 3 + 0.025 * 4 + 0.01 * 5;
    double hhv = 0.75 * 1010.0 + 0.12 * 1769.7 + 0.06 * 2516.1 + 0.025 * 3262.3 + 0.01 * 4008.9;
    double n2oT = v * hhv / 1e6 * 1e-4 / 1000;
    double baseline =
        v * 0.75 * (1 - flareDestruction) * 0.0192 / 1000 * 29.8
            + (v * 0.02 + v * flareCombustion * carbon) * 0.0526 / 1000
            + n2oT * 273;
    double project =
        v * (1 - 0.962) * 0.75 * 0.0192 / 1000 * 29.8
            + (v * 0.02 + v * 0.962 * carbon) * 0.0526 / 1000
            + n2oT * 273;
    return new double[] {v, baseline, project, baseline - project};
  }

  private ReportSeed() {}
}
