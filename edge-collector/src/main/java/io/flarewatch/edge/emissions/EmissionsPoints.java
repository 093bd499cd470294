package io.flarewatch.edge.emissions;

import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.edge.polling.DeviceReading;
import io.flarewatch.edge.polling.PollingVerticle;
import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.emissions.EmissionsResult;
import io.flarewatch.emissions.Methodology;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Computes an {@code emissions} point per interval from the genset fuel meter's interval volume
 * (totalizer delta), with the site's parameters. Only gas metered into the generator counts; an
 * interval without a known volume (first reading, totalizer reset, meter silent) has no emissions
 * point, and that gap shows in completeness reports.
 *
 * <p>Each point carries every figure and, as {@code param_*} string fields, every parameter it was
 * computed with, so any stored figure can be recomputed by hand.
 */
public final class EmissionsPoints implements PollingVerticle.CycleListener {

  public static final String TAG_METHODOLOGY = "methodology";
  public static final String PARAMETER_PREFIX = "param_";

  private final String site;
  private final SiteEmissionsParameters parameters;

  public EmissionsPoints(String site, SiteEmissionsParameters parameters) {
    this.site = site;
    this.parameters = parameters;
  }

  @Override
  public List<Point> derive(long cycleMillis, List<DeviceReading> readings) {
    List<Point> points = new ArrayList<>();
    for (DeviceReading reading : readings) {
      if (reading.device().role() == ModbusConfig.Role.GENSET_FUEL_METER
          && reading.intervalVolumeScf() != null) {
        EmissionsResult result =
            EmissionsCalculator.compute(reading.intervalVolumeScf(), parameters);
        points.add(point(site, reading.device().id(), cycleMillis, result));
      }
    }
    return points;
  }

  static Point point(String site, String meterId, long timeMillis, EmissionsResult result) {
    Point.Builder point =
        Point.builder(Schema.EMISSIONS, timeMillis)
            .tag(Schema.TAG_SITE, site)
            .tag(Schema.TAG_DEVICE, meterId)
            .tag(TAG_METHODOLOGY, Methodology.ID);
    for (Map.Entry<String, Double> figure : result.figures().entrySet()) {
      point.field(figure.getKey(), figure.getValue());
    }
    for (Map.Entry<String, String> parameter : result.parameters().entrySet()) {
      point.field(PARAMETER_PREFIX + parameter.getKey(), parameter.getValue());
    }
    return point.build();
  }
}
