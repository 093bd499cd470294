package io.flarewatch.edge.polling;

import io.flarewatch.config.ConfigException;
import io.flarewatch.drivers.gas.TotalizerDelta;
import io.flarewatch.drivers.gas.TotalizerTracker;
import io.flarewatch.drivers.gas.TotalizerVolume;
import io.flarewatch.drivers.modbus.ModbusDeviceClient;
import io.flarewatch.drivers.modbus.ModbusDeviceConfig;
import io.flarewatch.drivers.modbus.ModbusReading;
import io.flarewatch.drivers.modbus.RegisterMap;
import io.flarewatch.drivers.modbus.RegisterMapLoader;
import io.flarewatch.edge.buffer.MeterState;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One Modbus device of the site and what is remembered between its polls (a gas meter's last
 * totalizer reading). Blocking: polled on a worker thread.
 */
final class ModbusDevice implements AutoCloseable {

  private static final String CLASSPATH = "classpath:";

  private final ModbusConfig config;
  private final RegisterMap map;
  private final ModbusDeviceClient client;
  private final TotalizerTracker totalizer;
  private final double totalizerResolution;

  ModbusDevice(ModbusConfig config, Duration timeout) {
    this.config = config;
    this.map = loadMap(config);
    this.client =
        new ModbusDeviceClient(
            map,
            ModbusDeviceConfig.of(config.host(), config.port())
                .withUnitId(config.unitId())
                .withTimeout(timeout));
    if (config.isGasMeter()) {
      var register =
          map.registers().stream()
              .filter(r -> r.name().equals(config.totalizerRegister()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "modbus[" + config.id() + "].totalizerRegister",
                          "register '"
                              + config.totalizerRegister()
                              + "' is not in the map "
                              + config.registerMap()));
      TotalizerDelta delta =
          TotalizerDelta.forUint32(register.scale().doubleValue(), config.maxFlowScfPerSecond());
      this.totalizer = new TotalizerTracker(config.id(), delta);
      this.totalizerResolution = delta.resolution();
    } else {
      this.totalizer = null;
      this.totalizerResolution = 0;
    }
  }

  /** The totalizer's last reading, for gas meters that have read one. */
  Optional<MeterState> totalizerState() {
    return totalizer == null
        ? Optional.empty()
        : totalizer.last().map(r -> new MeterState(r.value(), r.at().toEpochMilli()));
  }

  /** Continues a gas meter's totalizer from a state stored before a restart. */
  void resume(MeterState state) {
    if (totalizer != null) {
      totalizer.resumeFrom(state.reading(), Instant.ofEpochMilli(state.atMillis()));
    }
  }

  String id() {
    return config.id();
  }

  ModbusConfig config() {
    return config;
  }

  /** Reads the device once; the point carries every register and, for meters, the volume. */
  DeviceReading poll(String site, long timeMillis) {
    ModbusReading reading = client.read();
    Point.Builder point =
        Point.builder(measurement(), timeMillis)
            .tag(Schema.TAG_SITE, site)
            .tag(Schema.TAG_DEVICE, config.id())
            .field(Schema.FIELD_UP, 1L);
    if (config.isGasMeter()) {
      point.tag(Schema.TAG_ROLE, config.role().name().toLowerCase(Locale.ROOT));
    }
    for (Map.Entry<String, Double> value : reading.values().entrySet()) {
      point.field(value.getKey(), value.getValue());
    }
    Double volume = null;
    if (totalizer != null) {
      OptionalDouble total = reading.value(config.totalizerRegister());
      if (total.isPresent()) {
        Optional<Instant> previousAt = totalizer.last().map(TotalizerTracker.LastReading::at);
        TotalizerVolume interval =
            totalizer.accept(total.getAsDouble(), Instant.ofEpochMilli(timeMillis));
        volume = interval.knownVolume().isPresent() ? interval.knownVolume().getAsDouble() : null;
        point.field(Schema.FIELD_INTERVAL_VOLUME_SCF, volume);
        if (volume != null && previousAt.isPresent()) {
          point.field(
              Schema.FIELD_INTERVAL_SECONDS,
              (timeMillis - previousAt.get().toEpochMilli()) / 1000.0);
        }
        if (totalizerResolution > 0) {
          point.field(Schema.FIELD_VOLUME_RESOLUTION_CF, totalizerResolution);
        }
        if (interval.kind() != TotalizerVolume.Kind.DELTA) {
          point.field("totalizer_event", interval.kind().name().toLowerCase(Locale.ROOT));
        }
      }
    }
    return new DeviceReading(config, point.build(), reading, volume);
  }

  Point silent(String site, long timeMillis, Throwable failure) {
    Point.Builder point =
        Point.builder(measurement(), timeMillis)
            .tag(Schema.TAG_SITE, site)
            .tag(Schema.TAG_DEVICE, config.id())
            .field(Schema.FIELD_UP, 0L)
            .field("error", failure.getClass().getSimpleName().replace("Exception", ""));
    if (config.isGasMeter()) {
      point.tag(Schema.TAG_ROLE, config.role().name().toLowerCase(Locale.ROOT));
    }
    return point.build();
  }

  private String measurement() {
    return config.role() == ModbusConfig.Role.GENERATOR ? Schema.GENERATOR : Schema.GAS_METER;
  }

  private static RegisterMap loadMap(ModbusConfig config) {
    String source = config.registerMap();
    try {
      return source.startsWith(CLASSPATH)
          ? RegisterMapLoader.fromResource(source.substring(CLASSPATH.length()))
          : RegisterMapLoader.load(Path.of(source));
    } catch (RuntimeException e) {
      throw new ConfigException(
          "modbus[" + config.id() + "].registerMap", source + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
