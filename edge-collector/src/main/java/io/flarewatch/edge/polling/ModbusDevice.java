package io.flarewatch.edge.polling;

import io.flarewatch.config.ConfigException;
import io.flarewatch.drivers.DeviceFailure;
import io.flarewatch.drivers.gas.TotalizerDelta;
import io.flarewatch.drivers.gas.TotalizerTracker;
import io.flarewatch.drivers.gas.TotalizerVolume;
import io.flarewatch.drivers.modbus.ModbusDeviceClient;
import io.flarewatch.drivers.modbus.ModbusDeviceConfig;
import io.flarewatch.drivers.modbus.ModbusReading;
import io.flarewatch.drivers.modbus.RegisterDefinition;
import io.flarewatch.drivers.modbus.RegisterMap;
import io.flarewatch.drivers.modbus.RegisterType;
import io.flarewatch.edge.buffer.MeterState;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.wire.FieldType;
import io.flarewatch.wire.MeasurementContract;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Modbus device of the site and what is remembered between its polls (a gas meter's last
 * totalizer reading, the device's identity strings). Blocking: polled on a worker thread.
 *
 * <p>Its point: {@code up=1} when the device delivered at least one block of its registers, with
 * every number read; when some blocks failed the point also carries {@code error} (the first
 * failure's code), {@code error_detail} (each failure and the registers it cost) and {@code
 * registers_failed}. {@code up=0} when nothing could be read: no values, {@code error}, {@code
 * error_detail} and {@code registers_failed} = every value of the map. Strings of the map are never
 * fields: they are logged when they first appear or change.
 */
final class ModbusDevice implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModbusDevice.class);
  private static final int MAX_DETAIL = 300;

  private final ModbusConfig config;
  private final RegisterMap map;
  private final ModbusDeviceClient client;
  private final TotalizerTracker totalizer;
  private final double totalizerResolution;
  private Map<String, String> lastTexts = Map.of();

  ModbusDevice(ModbusConfig config, Duration timeout) {
    this.config = config;
    this.map = config.loadRegisterMap();
    requireContractNames(config, map, measurement(config));
    this.client =
        new ModbusDeviceClient(
            map,
            ModbusDeviceConfig.of(config.host(), config.port())
                .withUnitId(config.unitId())
                .withTimeout(timeout));
    if (config.isGasMeter()) {
      var register = config.totalizerRegisterIn(map);
      TotalizerDelta delta =
          new TotalizerDelta(modulus(register), config.maxFlowScfPerSecond(), resolution(register));
      this.totalizer = new TotalizerTracker(config.id(), delta);
      this.totalizerResolution = delta.resolution();
    } else {
      this.totalizer = null;
      this.totalizerResolution = 0;
    }
  }

  /**
   * Where the totalizer wraps, in scf: an unsigned register wraps at 2^bits × scale; a signed or
   * float one is taken not to wrap, so any fall is a reset.
   */
  private static double modulus(RegisterDefinition register) {
    double scale = register.scale().doubleValue();
    return switch (register.type()) {
      case UINT16 -> 65_536.0 * scale;
      case UINT32 -> TotalizerDelta.UINT32_MODULUS * scale;
      case UINT64 -> Math.pow(2, 64) * scale;
      default -> Double.MAX_VALUE;
    };
  }

  /** The totalizer's step: an integer register counts in steps of its scale, a float has none. */
  private static double resolution(RegisterDefinition register) {
    return register.type().isInteger() ? register.scale().doubleValue() : 0;
  }

  /**
   * Moves the totalizer on to the reading of a cycle that is now stored. Until then it stays at the
   * last stored reading, so the first stored interval after a cycle that could not be stored
   * carries the volume of the whole gap.
   */
  void commit(DeviceReading reading) {
    if (totalizer != null && reading.totalizer() != null) {
      totalizer.commit(reading.totalizer());
    }
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

  /** Reads the device once; the point carries every value read and, for meters, the volume. */
  DeviceReading poll(String site, long timeMillis) {
    ModbusReading reading = client.read();
    logTextsWhenChanged(reading.texts());
    Point.Builder point = base(site, timeMillis).field(Schema.FIELD_UP, 1L);
    for (Map.Entry<String, Double> value : reading.values().entrySet()) {
      point.field(value.getKey(), value.getValue());
    }
    if (reading.isPartial()) {
      point
          .field(Schema.FIELD_ERROR, reading.firstFailure().orElseThrow().code())
          .field(Schema.FIELD_ERROR_DETAIL, reading.failureDetail())
          .field(Schema.FIELD_REGISTERS_FAILED, (long) reading.failedRegisters().size());
    }
    Double volume = null;
    TotalizerTracker.Pending measured = null;
    if (totalizer != null) {
      OptionalDouble total = reading.value(config.totalizerRegister());
      if (total.isPresent()) {
        measured = totalizer.measure(total.getAsDouble(), Instant.ofEpochMilli(timeMillis));
        Instant previousAt = measured.measuredFrom();
        TotalizerVolume interval = measured.volume();
        volume = interval.knownVolume().isPresent() ? interval.knownVolume().getAsDouble() : null;
        point.field(Schema.FIELD_INTERVAL_VOLUME_SCF, volume);
        if (volume != null && previousAt != null) {
          point.field(
              Schema.FIELD_INTERVAL_SECONDS, (timeMillis - previousAt.toEpochMilli()) / 1000.0);
        }
        if (totalizerResolution > 0) {
          point.field(Schema.FIELD_VOLUME_RESOLUTION_CF, totalizerResolution);
        }
        if (interval.kind() != TotalizerVolume.Kind.DELTA) {
          point.field(
              Schema.FIELD_TOTALIZER_EVENT, interval.kind().name().toLowerCase(Locale.ROOT));
        }
      }
    }
    return new DeviceReading(config, point.build(), reading, volume, measured);
  }

  /** The point of a device that delivered nothing this cycle. */
  Point silent(String site, long timeMillis, Throwable failure) {
    String code;
    String detail;
    if (failure instanceof DeviceFailure deviceFailure) {
      code = deviceFailure.code();
      detail = deviceFailure.detail();
    } else {
      code = "io_error";
      detail = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
    return base(site, timeMillis)
        .field(Schema.FIELD_UP, 0L)
        .field(Schema.FIELD_ERROR, code)
        .field(
            Schema.FIELD_ERROR_DETAIL,
            detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…")
        .field(Schema.FIELD_REGISTERS_FAILED, (long) map.registers().size())
        .build();
  }

  private Point.Builder base(String site, long timeMillis) {
    Point.Builder point =
        Point.builder(measurement(), timeMillis)
            .tag(Schema.TAG_SITE, site)
            .tag(Schema.TAG_DEVICE, config.id());
    if (config.isGasMeter()) {
      point.tag(Schema.TAG_ROLE, config.role().name().toLowerCase(Locale.ROOT));
    }
    return point;
  }

  private void logTextsWhenChanged(Map<String, String> texts) {
    if (!texts.isEmpty() && !texts.equals(lastTexts)) {
      LOG.info("{}: {} reports {}", config.id(), map.device(), new TreeMap<>(texts));
      lastTexts = texts;
    }
  }

  private String measurement() {
    return measurement(config);
  }

  private static String measurement(ModbusConfig config) {
    return config.role() == ModbusConfig.Role.GENERATOR ? Schema.GENERATOR : Schema.GAS_METER;
  }

  /**
   * Every number of the map (a register, or a named bit of one) becomes a float field so named: the
   * name must be one the wire contract takes for the measurement (not a tag key, not a fixed field
   * such as {@code up}), or central would refuse every reading of the device.
   */
  private static void requireContractNames(
      ModbusConfig config, RegisterMap map, String measurement) {
    MeasurementContract contract = Schema.measurement(measurement).orElseThrow();
    List<String> fields = new ArrayList<>();
    for (RegisterDefinition register : map.registers()) {
      if (register.type() != RegisterType.STRING) {
        fields.add(register.name());
        register.bits().forEach(bit -> fields.add(bit.name()));
      }
    }
    for (String field : fields) {
      String problem = contract.fieldProblem(field, FieldType.FLOAT);
      if (problem != null) {
        throw new ConfigException(
            "modbus[" + config.id() + "].registerMap",
            config.registerMap() + ": '" + field + "' cannot be sent: " + problem);
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
