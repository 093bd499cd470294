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
 * <p>Each point carries every figure, the parameter set's content id as the {@code parameter_set}
 * tag and, as {@code param_*} string fields, every parameter it was computed with, so any stored
 * figure can be recomputed by hand. It also carries the interval's actual span ({@code
 * interval_seconds}, from the previous committed totalizer reading) and {@code spans_outage} = 1
 * when that span covers missed polls: the first interval after an outage holds the outage's gas and
 * is computed with the set the edge restarted with.
 */
public final class EmissionsPoints implements PollingVerticle.CycleListener {

  private final String site;
  private final SiteEmissionsParameters parameters;
  private final String parameterSet;
  private final double pollIntervalSeconds;

  public EmissionsPoints(String site, SiteEmissionsParameters parameters, long pollIntervalMillis) {
    this.site = site;
    this.parameters = parameters;
    this.parameterSet = parameters.id();
    this.pollIntervalSeconds = pollIntervalMillis / 1000.0;
  }

  @Override
  public List<Point> derive(long cycleMillis, List<DeviceReading> readings) {
    List<Point> points = new ArrayList<>();
    for (DeviceReading reading : readings) {
      if (reading.device().role() == ModbusConfig.Role.GENSET_FUEL_METER
          && reading.intervalVolumeScf() != null) {
        EmissionsResult result =
            EmissionsCalculator.compute(reading.intervalVolumeScf(), parameters);
        Point.Builder point = point(reading.device().id(), cycleMillis, result);
        Map<String, Object> meter = reading.point().fields();
        if (meter.get(Schema.FIELD_INTERVAL_SECONDS) instanceof Double seconds) {
          point.field(Schema.FIELD_INTERVAL_SECONDS, seconds);
          point.field(Schema.FIELD_SPANS_OUTAGE, seconds > 1.5 * pollIntervalSeconds ? 1L : 0L);
        }
        if (meter.get(Schema.FIELD_VOLUME_RESOLUTION_CF) instanceof Double resolution) {
          point.field(Schema.FIELD_VOLUME_RESOLUTION_CF, resolution);
        }
        points.add(point.build());
      }
    }
    return points;
  }

  private Point.Builder point(String meterId, long timeMillis, EmissionsResult result) {
    Point.Builder point =
        Point.builder(Schema.EMISSIONS, timeMillis)
            .tag(Schema.TAG_SITE, site)
            .tag(Schema.TAG_DEVICE, meterId)
            .tag(Schema.TAG_METHODOLOGY, Methodology.ID)
            .tag(Schema.TAG_PARAMETER_SET, parameterSet);
    for (Map.Entry<String, Double> figure : result.figures().entrySet()) {
      point.field(figure.getKey(), figure.getValue());
    }
    for (Map.Entry<String, String> parameter : result.parameters().entrySet()) {
      point.field(Schema.PARAMETER_PREFIX + parameter.getKey(), parameter.getValue());
    }
    return point;
  }
}
