package io.flarewatch.emissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GUM propagation of {@link AvoidedUncertainty} against an independent computation: central
 * finite differences of {@link EmissionsCalculator} with each input nudged, times the input's
 * standard uncertainty.
 */
class AvoidedUncertaintyTest {

  private static final double VOLUME = 2_500.37;
  private static final MeasurementUncertainty U =
      new MeasurementUncertainty(0.01, 0.02, 0.03, 0.005, 0.01);
  private static final double H = 1e-5;

  private static EnumMap<GasComponent, Double> gasA() {
    EnumMap<GasComponent, Double> gas = new EnumMap<>(GasComponent.class);
    gas.putAll(
        Map.of(
            GasComponent.CH4, 0.75,
            GasComponent.C2H6, 0.12,
            GasComponent.C3H8, 0.06,
            GasComponent.C4H10, 0.025,
            GasComponent.C5_PLUS, 0.01,
            GasComponent.CO2, 0.02,
            GasComponent.N2, 0.015));
    return gas;
  }

  /** A site with every input free to move: single flare η, measured engine η, Z_U 0.02. */
  private record Site(
      Map<GasComponent, Double> gas, double flare, double engine, double unlit, double base) {
    SiteEmissionsParameters parameters() {
      return new SiteEmissionsParameters(
          new GasComposition(gas),
          "test",
          new FlareEfficiency.SingleEfficiency(flare, "test"),
          unlit,
          EngineEfficiency.measured(EngineType.FOUR_STROKE_LEAN_BURN, engine, "test"),
          GwpSet.AR6_GWP100_FOSSIL,
          base,
          null,
          U);
    }

    double avoided(double volume) {
      return EmissionsCalculator.compute(volume, parameters()).avoidedTco2e();
    }
  }

  static Stream<Site> sites() {
    return Stream.of(
        new Site(gasA(), 0.911, 0.962, 0.02, 14.7),
        new Site(gasA(), 0.98, 0.962, 0.0, 14.73),
        new Site(gasA(), 0.95, 0.997, 0.05, 14.65));
  }

  private static double derivative(DoubleFunction<Double> f, double x) {
    return (f.apply(x + H) - f.apply(x - H)) / (2 * H);
  }

  @ParameterizedTest
  @MethodSource("sites")
  void everyContributionIsTheFiniteDifferenceSensitivityTimesTheUncertainty(Site site) {
    Map<String, Double> analytic = AvoidedUncertainty.contributions(VOLUME, site.parameters());
    double volumeSensitivity = derivative(v -> site.avoided(v), VOLUME);
    assertClose(
        volumeSensitivity * U.meterRelative() * VOLUME,
        analytic.get(AvoidedUncertainty.GAS_VOLUME),
        "gas volume");
    for (GasComponent component : GasComponent.values()) {
      double y = site.gas().get(component);
      double sensitivity =
          derivative(
              x -> {
                EnumMap<GasComponent, Double> gas = new EnumMap<>(site.gas());
                gas.put(component, x);
                return new Site(gas, site.flare(), site.engine(), site.unlit(), site.base())
                    .avoided(VOLUME);
              },
              y);
      assertClose(
          sensitivity * U.compositionRelative() * y,
          analytic.get(AvoidedUncertainty.composition(component)),
          component.key());
    }
    assertClose(
        derivative(
                x ->
                    new Site(site.gas(), x, site.engine(), site.unlit(), site.base())
                        .avoided(VOLUME),
                site.flare())
            * U.flareEfficiency(),
        analytic.get(AvoidedUncertainty.FLARE_EFFICIENCY),
        "flare efficiency");
    assertClose(
        derivative(
                x ->
                    new Site(site.gas(), site.flare(), x, site.unlit(), site.base())
                        .avoided(VOLUME),
                site.engine())
            * U.engineEfficiency(),
        analytic.get(AvoidedUncertainty.ENGINE_EFFICIENCY),
        "engine efficiency");
    double unlitAt = Math.max(site.unlit(), H);
    assertClose(
        derivative(
                x ->
                    new Site(site.gas(), site.flare(), site.engine(), x, site.base())
                        .avoided(VOLUME),
                unlitAt)
            * U.unlitFraction(),
        analytic.get(AvoidedUncertainty.FLARE_UNLIT_FRACTION),
        "unlit fraction");
    double rss = 0;
    for (double c : analytic.values()) {
      rss += c * c;
    }
    assertEquals(2 * Math.sqrt(rss), AvoidedUncertainty.expanded(VOLUME, site.parameters()), 1e-15);
    assertTrue(AvoidedUncertainty.expanded(VOLUME, site.parameters()) > 0);
  }

  @ParameterizedTest
  @MethodSource("sites")
  void withoutConfiguredUncertaintiesThereIsNoBudget(Site site) {
    SiteEmissionsParameters p = site.parameters();
    SiteEmissionsParameters none =
        new SiteEmissionsParameters(
            p.gasComposition(),
            p.compositionSource(),
            p.flareEfficiency(),
            p.unlitFraction(),
            p.engine(),
            p.gwpSet(),
            p.pressureBasePsia());
    assertTrue(AvoidedUncertainty.contributions(VOLUME, none).isEmpty());
  }

  private static void assertClose(double expected, double actual, String what) {
    double scale = Math.max(Math.abs(expected), 1e-12);
    assertEquals(expected, actual, scale * 1e-5, what);
  }
}
