package io.flarewatch.edge.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.edge.buffer.MeterState;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.edge.emissions.EmissionsPoints;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.simulator.ModbusEndpoint;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A genset fuel meter of the simulator read by the edge: interval volumes in the meter's
 * hundredths, each reading stamped with the span since the previous committed reading, and the
 * first interval after an outage flagged on its emissions point, which names its parameter set by
 * content id.
 */
class OutageIntervalTest {

  private static final long POLL_MILLIS = 10_000;
  private static final long T0 = 1_780_000_000_000L;

  private Vertx vertx;
  private SiteSimulator simulator;
  private SiteEmissionsParameters parameters;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    simulator = SiteSimulator.start(vertx, SimulatorConfig.defaults(3, 5)).await();
    parameters =
        SiteEmissionsParameters.fromJson(
            new ObjectMapper()
                .readTree(
                    """
                    {"gasComposition": {"CH4": 0.75, "C2H6": 0.12, "C3H8": 0.06, "C4H10": 0.025,
                                        "C5+": 0.01, "CO2": 0.02, "N2": 0.015},
                     "compositionSource": "test", "flare": {"efficiency": 0.911, "source": "t"},
                     "engine": {"type": "FOUR_STROKE_LEAN_BURN"}}
                    """));
  }

  @AfterEach
  void stop() {
    simulator.close().await();
    vertx.close().await();
  }

  private ModbusDevice fuelMeter() {
    ModbusEndpoint fuel = simulator.gensetFuelMeter();
    return new ModbusDevice(
        new ModbusConfig(
            fuel.id(),
            ModbusConfig.Role.GENSET_FUEL_METER,
            fuel.host(),
            fuel.port(),
            fuel.unitId(),
            "classpath:" + fuel.registerMap(),
            null,
            null),
        Duration.ofSeconds(2));
  }

  @Test
  void theFirstIntervalAfterAnOutageCarriesItsSpanAndIsFlagged() {
    MeterState beforeOutage;
    DeviceReading normal;
    try (ModbusDevice meter = fuelMeter()) {
      DeviceReading first = meter.poll("s", T0);
      assertEquals(null, first.intervalVolumeScf(), "first reading: no volume");
      meter.commit(first); // stored with its cycle
      normal = meter.poll("s", T0 + POLL_MILLIS);
      meter.commit(normal);
      beforeOutage = normal.meterState().orElseThrow();
    }
    assertEquals(10.0, normal.point().fields().get(Schema.FIELD_INTERVAL_SECONDS));
    assertEquals(0.01, normal.point().fields().get(Schema.FIELD_VOLUME_RESOLUTION_CF));
    DeviceReading afterRestart;
    try (ModbusDevice restarted = fuelMeter()) {
      restarted.resume(beforeOutage);
      afterRestart = restarted.poll("s", T0 + 5 * POLL_MILLIS);
    }
    assertNotNull(afterRestart.intervalVolumeScf(), "the outage's gas is carried, not lost");
    assertEquals(40.0, afterRestart.point().fields().get(Schema.FIELD_INTERVAL_SECONDS));
    for (DeviceReading reading : List.of(normal, afterRestart)) {
      BigDecimal volume = BigDecimal.valueOf(reading.intervalVolumeScf());
      assertTrue(volume.scale() <= 2, "whole hundredths of a scf: " + volume);
    }

    EmissionsPoints emissions = new EmissionsPoints("s", parameters, POLL_MILLIS);
    Point regular = emissions.derive(T0 + POLL_MILLIS, List.of(normal)).get(0);
    Point outage = emissions.derive(T0 + 5 * POLL_MILLIS, List.of(afterRestart)).get(0);
    assertEquals(0L, regular.fields().get(Schema.FIELD_SPANS_OUTAGE));
    assertEquals(1L, outage.fields().get(Schema.FIELD_SPANS_OUTAGE));
    assertEquals(40.0, outage.fields().get(Schema.FIELD_INTERVAL_SECONDS));
    assertEquals(0.01, outage.fields().get(Schema.FIELD_VOLUME_RESOLUTION_CF));

    SortedMap<String, String> stored = new TreeMap<>();
    outage
        .fields()
        .forEach(
            (k, v) -> {
              if (k.startsWith(Schema.PARAMETER_PREFIX)) {
                stored.put(k.substring(Schema.PARAMETER_PREFIX.length()), (String) v);
              }
            });
    assertEquals(parameters.id(), outage.tags().get(Schema.TAG_PARAMETER_SET));
    assertEquals(
        SiteEmissionsParameters.idOf(stored),
        outage.tags().get(Schema.TAG_PARAMETER_SET),
        "the id is the one anyone computes from the stored parameters");
  }
}
