package io.flarewatch.drivers.modbus;

import io.flarewatch.drivers.DeviceFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The values read from one device in one {@link ModbusDeviceClient#read()}. A reading is
 * <em>partial</em> when some of its read requests failed and others succeeded: the values of the
 * good requests are here, the failed requests are in {@link #failed()}.
 *
 * @param device device kind from the register map
 * @param timestamp when the read started
 * @param values scaled numbers by name: registers, their named bits, coils and discrete inputs
 *     (only finite values)
 * @param texts decoded strings by register name (identity, firmware); never stored as fields
 * @param invalid names of registers that were read but hold no value: a float NaN or infinity, or
 *     one of the register's {@code invalid} sentinels
 * @param failed the read requests that failed, with their values' names and the failure
 */
public record ModbusReading(
    String device,
    Instant timestamp,
    Map<String, Double> values,
    Map<String, String> texts,
    List<String> invalid,
    List<FailedRange> failed) {

  /** Longest {@link #failureDetail()}, so a stored detail stays a short line. */
  static final int MAX_DETAIL = 300;

  public ModbusReading {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(timestamp, "timestamp");
    values = Map.copyOf(values);
    texts = Map.copyOf(texts);
    invalid = List.copyOf(invalid);
    failed = List.copyOf(failed);
  }

  /** A complete reading of numbers only. */
  public ModbusReading(
      String device, Instant timestamp, Map<String, Double> values, List<String> invalid) {
    this(device, timestamp, values, Map.of(), invalid, List.of());
  }

  /** The value of a register or bit field, empty when it was invalid, failed or not in the map. */
  public OptionalDouble value(String name) {
    Double value = values.get(name);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** True when some read requests failed. */
  public boolean isPartial() {
    return !failed.isEmpty();
  }

  /** Names of the map values that could not be read, in plan order. */
  public List<String> failedRegisters() {
    List<String> names = new ArrayList<>();
    failed.forEach(f -> names.addAll(f.registerNames()));
    return names;
  }

  /** The first failure, for its stable code. */
  public Optional<DeviceFailure> firstFailure() {
    return failed.isEmpty() ? Optional.empty() : Optional.of(failed.get(0).failure());
  }

  /**
   * The failures and the values each cost, e.g. {@code 02 illegal data address (holding 20..21):
   * coolant_temp_c, oil_pressure_kpa}; several failures are joined with "; ". At most 300
   * characters, cut with "…" when longer. Empty when nothing failed.
   */
  public String failureDetail() {
    Map<String, List<String>> byDetail = new LinkedHashMap<>();
    for (FailedRange range : failed) {
      byDetail
          .computeIfAbsent(range.failure().detail(), d -> new ArrayList<>())
          .addAll(range.registerNames());
    }
    StringBuilder detail = new StringBuilder();
    byDetail.forEach(
        (what, names) -> {
          if (detail.length() > 0) {
            detail.append("; ");
          }
          detail.append(what).append(": ").append(String.join(", ", names));
        });
    return detail.length() <= MAX_DETAIL
        ? detail.toString()
        : detail.substring(0, MAX_DETAIL - 1) + "…";
  }
}
