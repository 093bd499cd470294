package io.flarewatch.wire;

import static io.flarewatch.wire.FieldType.FLOAT;
import static io.flarewatch.wire.FieldType.INTEGER;
import static io.flarewatch.wire.FieldType.STRING;

import io.flarewatch.wire.MeasurementContract.NamedFields;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The wire contract: the measurements the edge writes and central accepts, their tags and fields
 * with their types, and the rule on timestamps. Names used in points and queries come from here.
 *
 * <p>Only these measurements are accepted; central's own data (the audit log) is elsewhere. What
 * users did at the site-local app is {@link SiteAudit}'s {@code site_audit}. No field is named like
 * a tag key or {@code time}, and every field name has one type, so no point can shadow a tag in a
 * query or fix a field's type for other sites. A timestamp may be old (an edge delivers its backlog
 * after an outage) but not more than a configured skew in the future.
 */
public final class Schema {

  /** Every point carries its site in this tag; central accepts a batch only for its own site. */
  public static final String TAG_SITE = "site";

  public static final String TAG_DEVICE = "device";
  public static final String TAG_MINER = "miner";
  public static final String TAG_FIRMWARE = "firmware";
  public static final String TAG_ROLE = "role";

  /** One point per miner per poll: {@code up} is 1 when it answered, 0 when it did not. */
  public static final String MINER = "miner";

  /** Generator controller readings, fields named as in its register map. */
  public static final String GENERATOR = "generator";

  /** Gas meter readings, fields named as in its register map, plus the interval volume. */
  public static final String GAS_METER = "gas_meter";

  /** One point per poll cycle: miners total/online and total hashrate. */
  public static final String SITE_SUMMARY = "site_summary";

  /** Emissions per interval, computed at the edge from the genset fuel volume. */
  public static final String EMISSIONS = "emissions";

  /**
   * Written by central, never accepted from an edge: an emissions day's sums per site, methodology
   * and parameter set (tags), timestamped at the UTC day's start, read by reports instead of the
   * day's raw points while valid (see {@link #FIELD_COMPUTED_AT}).
   */
  public static final String EMISSIONS_1D = "emissions_1d";

  /**
   * Written by central's ingest in the same write as the emissions points, never accepted from an
   * edge: one point per site (tag) and UTC day touched, timestamped at the day's start, whose
   * {@link #FIELD_WRITTEN_AT} says when the day's raw points last changed.
   */
  public static final String EMISSIONS_1D_DUE = "emissions_1d_due";

  /**
   * Written by central beside the daily rollups, never accepted from an edge: a parameter set's
   * {@code param_*} fields as its emissions points carry them, tagged with its {@link
   * #TAG_PARAMETER_SET}, so a report can describe the set once the raw points expired.
   */
  public static final String EMISSIONS_PARAMETER_SET = "emissions_parameter_set";

  /** Daily rollups: epoch ms when the raw read the rollup was computed from started. */
  public static final String FIELD_COMPUTED_AT = "computed_at";

  /** Day-changed markers: epoch ms taken before the write that changed the day was sent. */
  public static final String FIELD_WRITTEN_AT = "written_at";

  /**
   * Something the edge itself reports: {@code kind=buffer_full} with {@code dropped_lines}, {@code
   * kind=cycle_lost} with {@code lost_cycles} and {@code skipped_cycles}.
   */
  public static final String EDGE_EVENT = "edge_event";

  /**
   * What the edge did with a command, one point per step: {@code state} is {@code delivered}
   * (verified and stored), {@code rejected} (with {@code reason}, a {@code CommandRefusedException}
   * code, and {@code detail}), {@code executing}, {@code canceled}, then one of {@code succeeded},
   * {@code partially_succeeded} or {@code failed} with the per-miner counts.
   */
  public static final String COMMAND_EVENT = "command_event";

  /**
   * One point per step of one miner under a command: {@code outcome} is {@code sent}, {@code
   * confirmed} (a read-back showed the new state), {@code failed} (with {@code error} and {@code
   * error_detail}) or {@code skipped} (offline, unsupported firmware, canceled).
   */
  public static final String COMMAND_MINER = "command_miner";

  /**
   * One point per cycle of the site's load loop: {@code reason} ({@code shed_gas}, {@code add_gas},
   * {@code hold}, {@code engine_trip}, {@code alarm_<alarm>}, {@code override}, {@code
   * no_gas_reading}), the gas, capacity, target and load in kW, and the miners changed or held.
   */
  public static final String CONTROL_DECISION = "control_decision";

  public static final String FIELD_GAS_AVAILABLE_SCFH = "gas_available_scfh";
  public static final String FIELD_CAPACITY_KW = "capacity_kw";
  public static final String FIELD_TARGET_KW = "target_kw";
  public static final String FIELD_LOAD_KW = "load_kw";
  public static final String FIELD_MINERS_SLEPT = "miners_slept";
  public static final String FIELD_MINERS_WOKEN = "miners_woken";
  public static final String FIELD_MINERS_LIMITED = "miners_limited";
  public static final String FIELD_MINERS_OVERRIDDEN = "miners_overridden";

  /** The ids of the miners a decision changed, comma-separated (shortened past 160 characters). */
  public static final String FIELD_MINERS_CHANGED = "miners_changed";

  /** Command points: the command's id (a tag). */
  public static final String TAG_COMMAND = "command";

  public static final String FIELD_COMMAND_STATE = "state";
  public static final String FIELD_COMMAND_ACTION = "action";
  public static final String FIELD_REASON = "reason";
  public static final String FIELD_DETAIL = "detail";

  /** Of a {@code command_event}: where the command came from, {@code site-local} at the edge. */
  public static final String FIELD_COMMAND_ORIGIN = "origin";

  /** Of a {@code command_event}: who issued a command given at the site itself. */
  public static final String FIELD_ISSUED_BY = "issued_by";

  public static final String FIELD_MINERS_TARGETED = "miners_targeted";
  public static final String FIELD_MINERS_CONFIRMED = "miners_confirmed";
  public static final String FIELD_MINERS_FAILED = "miners_failed";
  public static final String FIELD_MINERS_SKIPPED = "miners_skipped";
  public static final String FIELD_OUTCOME = "outcome";
  public static final String FIELD_READBACK_STATE = "readback_state";
  public static final String FIELD_READBACK_POWER_LIMIT_W = "readback_power_limit_w";
  public static final String FIELD_ATTEMPTS = "attempts";
  public static final String FIELD_PLANNED_OFFSET_MS = "planned_offset_ms";

  public static final String FIELD_UP = "up";
  public static final String FIELD_STATE = "state";
  public static final String FIELD_HASHRATE_THS = "hashrate_ths";
  public static final String FIELD_TEMP_CHIP_MAX_C = "temp_chip_max_c";
  public static final String FIELD_TEMP_BOARD_MAX_C = "temp_board_max_c";
  public static final String FIELD_FAN_RPM_MAX = "fan_rpm_max";
  public static final String FIELD_UPTIME_S = "uptime_s";
  public static final String FIELD_POOLS_ALIVE = "pools_alive";
  public static final String FIELD_POOLS_TOTAL = "pools_total";
  public static final String FIELD_POWER_W = "power_w";
  public static final String FIELD_POWER_SOURCE = "power_source";
  public static final String FIELD_MINERS_TOTAL = "miners_total";
  public static final String FIELD_MINERS_ONLINE = "miners_online";
  public static final String FIELD_INTERVAL_VOLUME_SCF = "interval_volume_scf";
  public static final String FIELD_TOTALIZER_EVENT = "totalizer_event";

  /** The generator's output, a register of its map that central reads for status and fleet. */
  public static final String FIELD_GENERATOR_KW = "power_kw";

  public static final String FIELD_GAS_VOLUME_SCF = "gas_volume_scf";
  public static final String FIELD_BASELINE_TCO2E = "baseline_tco2e";
  public static final String FIELD_PROJECT_TCO2E = "project_tco2e";
  public static final String FIELD_AVOIDED_TCO2E = "avoided_tco2e";

  /** Every figure of an emissions point (floats), as the methodology names them. */
  public static final List<String> EMISSIONS_FIGURES =
      List.of(
          "gas_volume_metered_cf",
          FIELD_GAS_VOLUME_SCF,
          "carbon_atoms_per_molecule",
          "hhv_btu_per_scf",
          "baseline_ch4_scf",
          "baseline_ch4_t",
          "baseline_ch4_tco2e",
          "baseline_co2_scf",
          "baseline_co2_t",
          "baseline_n2o_kg",
          "baseline_n2o_tco2e",
          FIELD_BASELINE_TCO2E,
          "project_ch4_scf",
          "project_ch4_t",
          "project_ch4_tco2e",
          "project_co2_scf",
          "project_co2_t",
          "project_n2o_kg",
          "project_n2o_tco2e",
          FIELD_PROJECT_TCO2E,
          FIELD_AVOIDED_TCO2E);

  /** InfluxDB's name for the timestamp: never a field. */
  static final String TIME = "time";

  /**
   * Gas meter and emissions points: seconds from the previous committed totalizer reading to this
   * one, the span whose gas {@code interval_volume_scf} holds (a number).
   */
  public static final String FIELD_INTERVAL_SECONDS = "interval_seconds";

  /** Gas meter and emissions points: the totalizer's step in cubic feet, when it has one. */
  public static final String FIELD_VOLUME_RESOLUTION_CF = "volume_resolution_cf";

  /**
   * Emissions points: 1 when the interval spans missed polls (an outage whose gas the totalizer
   * carried into this interval), else 0 (a number).
   */
  public static final String FIELD_SPANS_OUTAGE = "spans_outage";

  /** Emissions points: the methodology id (a tag). */
  public static final String TAG_METHODOLOGY = "methodology";

  /**
   * Emissions points: the content id of the parameter set they were computed with (a tag, the only
   * string the emissions contract adds besides the {@code param_*} fields).
   */
  public static final String TAG_PARAMETER_SET = "parameter_set";

  /** Emissions points: every parameter is a string field named {@code param_<name>}. */
  public static final String PARAMETER_PREFIX = "param_";

  /**
   * Device points: why a read failed, in whole or in part, as a stable code ({@code timeout},
   * {@code refused}, {@code modbus_exception}, ...); text, like {@link #FIELD_ERROR_DETAIL}.
   */
  public static final String FIELD_ERROR = "error";

  /** Device points: what the device or the network said about {@link #FIELD_ERROR}, one line. */
  public static final String FIELD_ERROR_DETAIL = "error_detail";

  /** Modbus device points: register map values not delivered in this reading (a number). */
  public static final String FIELD_REGISTERS_FAILED = "registers_failed";

  /** Miner fields each firmware may or may not report. */
  public static final String FIELD_POWER_LIMIT_W = "power_limit_w";

  public static final String FIELD_TEMP_AMBIENT_C = "temp_ambient_c";
  public static final String FIELD_POOL_INDEX = "pool_index";
  public static final String FIELD_POOL_URL = "pool_url";
  public static final String FIELD_POOL_USER = "pool_user";

  /** Per-board hashrate fields go up to {@code hashrate_board<MAX_BOARDS - 1>_ths}. */
  public static final int MAX_BOARDS = 8;

  /** {@code edge_event} tag saying what happened, and its kinds. */
  public static final String TAG_KIND = "kind";

  public static final String KIND_BUFFER_FULL = "buffer_full";
  public static final String KIND_CYCLE_LOST = "cycle_lost";
  public static final String FIELD_DROPPED_LINES = "dropped_lines";
  public static final String FIELD_DROPPED_LINES_TOTAL = "dropped_lines_total";
  public static final String FIELD_LOST_CYCLES = "lost_cycles";
  public static final String FIELD_LOST_CYCLES_TOTAL = "lost_cycles_total";
  public static final String FIELD_SKIPPED_CYCLES = "skipped_cycles";
  public static final String FIELD_SKIPPED_CYCLES_TOTAL = "skipped_cycles_total";

  /** Site and device ids: lower-case letters, digits, '-' and '_', 1 to 64 characters. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private static final List<MeasurementContract> MEASUREMENTS =
      List.of(
          new MeasurementContract(
              MINER,
              Set.of(TAG_SITE, TAG_MINER),
              Set.of(TAG_FIRMWARE),
              withBoardHashrates(
                  FIELD_UP, INTEGER,
                  FIELD_STATE, STRING,
                  FIELD_HASHRATE_THS, FLOAT,
                  FIELD_TEMP_CHIP_MAX_C, FLOAT,
                  FIELD_TEMP_BOARD_MAX_C, FLOAT,
                  FIELD_FAN_RPM_MAX, INTEGER,
                  FIELD_UPTIME_S, INTEGER,
                  FIELD_POOLS_ALIVE, INTEGER,
                  FIELD_POOLS_TOTAL, INTEGER,
                  FIELD_POWER_W, FLOAT,
                  FIELD_POWER_SOURCE, STRING,
                  FIELD_POWER_LIMIT_W, FLOAT,
                  FIELD_TEMP_AMBIENT_C, FLOAT,
                  FIELD_POOL_INDEX, INTEGER,
                  FIELD_POOL_URL, STRING,
                  FIELD_POOL_USER, STRING,
                  FIELD_ERROR, STRING,
                  FIELD_ERROR_DETAIL, STRING),
              NamedFields.NONE),
          new MeasurementContract(
              GENERATOR,
              Set.of(TAG_SITE, TAG_DEVICE),
              Set.of(),
              fields(
                  FIELD_UP, INTEGER,
                  FIELD_ERROR, STRING,
                  FIELD_ERROR_DETAIL, STRING,
                  FIELD_REGISTERS_FAILED, INTEGER),
              NamedFields.REGISTERS),
          new MeasurementContract(
              GAS_METER,
              Set.of(TAG_SITE, TAG_DEVICE, TAG_ROLE),
              Set.of(),
              fields(
                  FIELD_UP, INTEGER,
                  FIELD_ERROR, STRING,
                  FIELD_ERROR_DETAIL, STRING,
                  FIELD_REGISTERS_FAILED, INTEGER,
                  FIELD_INTERVAL_VOLUME_SCF, FLOAT,
                  FIELD_INTERVAL_SECONDS, FLOAT,
                  FIELD_VOLUME_RESOLUTION_CF, FLOAT,
                  FIELD_TOTALIZER_EVENT, STRING),
              NamedFields.REGISTERS),
          new MeasurementContract(
              SITE_SUMMARY,
              Set.of(TAG_SITE),
              Set.of(),
              fields(
                  FIELD_MINERS_TOTAL, INTEGER,
                  FIELD_MINERS_ONLINE, INTEGER,
                  FIELD_HASHRATE_THS, FLOAT),
              NamedFields.NONE),
          new MeasurementContract(
              EMISSIONS,
              Set.of(TAG_SITE, TAG_DEVICE, TAG_METHODOLOGY),
              Set.of(TAG_PARAMETER_SET),
              emissionsFields(),
              NamedFields.PARAMETERS),
          new MeasurementContract(
              EDGE_EVENT,
              Set.of(TAG_SITE, TAG_KIND),
              Set.of(),
              fields(
                  FIELD_DROPPED_LINES, INTEGER,
                  FIELD_DROPPED_LINES_TOTAL, INTEGER,
                  FIELD_LOST_CYCLES, INTEGER,
                  FIELD_LOST_CYCLES_TOTAL, INTEGER,
                  FIELD_SKIPPED_CYCLES, INTEGER,
                  FIELD_SKIPPED_CYCLES_TOTAL, INTEGER),
              NamedFields.NONE),
          new MeasurementContract(
              COMMAND_EVENT,
              Set.of(TAG_SITE, TAG_COMMAND),
              Set.of(),
              fields(
                  FIELD_COMMAND_STATE, STRING,
                  FIELD_COMMAND_ACTION, STRING,
                  FIELD_REASON, STRING,
                  FIELD_DETAIL, STRING,
                  FIELD_COMMAND_ORIGIN, STRING,
                  FIELD_ISSUED_BY, STRING,
                  FIELD_MINERS_TARGETED, INTEGER,
                  FIELD_MINERS_CONFIRMED, INTEGER,
                  FIELD_MINERS_FAILED, INTEGER,
                  FIELD_MINERS_SKIPPED, INTEGER),
              NamedFields.NONE),
          new MeasurementContract(
              COMMAND_MINER,
              Set.of(TAG_SITE, TAG_COMMAND, TAG_MINER),
              Set.of(),
              fields(
                  FIELD_OUTCOME, STRING,
                  FIELD_READBACK_STATE, STRING,
                  FIELD_READBACK_POWER_LIMIT_W, FLOAT,
                  FIELD_ERROR, STRING,
                  FIELD_ERROR_DETAIL, STRING,
                  FIELD_ATTEMPTS, INTEGER,
                  FIELD_PLANNED_OFFSET_MS, INTEGER),
              NamedFields.NONE),
          new MeasurementContract(
              CONTROL_DECISION,
              Set.of(TAG_SITE),
              Set.of(),
              fields(
                  FIELD_REASON, STRING,
                  FIELD_GAS_AVAILABLE_SCFH, FLOAT,
                  FIELD_CAPACITY_KW, FLOAT,
                  FIELD_TARGET_KW, FLOAT,
                  FIELD_LOAD_KW, FLOAT,
                  FIELD_MINERS_SLEPT, INTEGER,
                  FIELD_MINERS_WOKEN, INTEGER,
                  FIELD_MINERS_LIMITED, INTEGER,
                  FIELD_MINERS_OVERRIDDEN, INTEGER,
                  FIELD_MINERS_CHANGED, STRING),
              NamedFields.NONE),
          new MeasurementContract(
              SiteAudit.MEASUREMENT,
              Set.of(TAG_SITE),
              Set.of(SiteAudit.TAG_USER, SiteAudit.TAG_ROLE, SiteAudit.TAG_COMMAND),
              fields(
                  SiteAudit.FIELD_ACTION, STRING,
                  SiteAudit.FIELD_OUTCOME, STRING,
                  SiteAudit.FIELD_STATUS, INTEGER,
                  SiteAudit.FIELD_VIA, STRING,
                  SiteAudit.FIELD_METHOD, STRING,
                  SiteAudit.FIELD_PATH, STRING,
                  SiteAudit.FIELD_REMOTE_ADDRESS, STRING,
                  SiteAudit.FIELD_NOTE, STRING),
              NamedFields.NONE,
              SiteAudit::problem));

  private static final ByteNames MEASUREMENT_NAMES =
      new ByteNames(MEASUREMENTS.stream().map(MeasurementContract::name).toList());

  /** Every tag key of any measurement, and {@code time}: names no field may have. */
  private static final Set<String> RESERVED = reserved();

  private static final ByteNames RESERVED_NAMES = new ByteNames(List.copyOf(RESERVED));

  private Schema() {}

  /** The miner field of one board's hashrate in TH/s: {@code hashrate_board0_ths}, ... */
  public static String fieldHashrateBoardThs(int board) {
    if (board < 0 || board >= MAX_BOARDS) {
      throw new IllegalArgumentException("board " + board + " is not in 0.." + (MAX_BOARDS - 1));
    }
    return "hashrate_board" + board + "_ths";
  }

  /** The measurements of the contract, in the order above. */
  public static List<MeasurementContract> measurements() {
    return MEASUREMENTS;
  }

  public static Optional<MeasurementContract> measurement(String name) {
    return MEASUREMENTS.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /**
   * Why the point breaks the contract, or null when it does not.
   *
   * @param nowMillis central's clock
   * @param maxFutureSkewMillis how far past {@code nowMillis} a timestamp may be
   */
  public static String problem(Point point, long nowMillis, long maxFutureSkewMillis) {
    Optional<MeasurementContract> measurement = measurement(point.measurement());
    if (measurement.isEmpty()) {
      return "measurement '"
          + LineProtocolException.excerpt(point.measurement())
          + "' is not accepted: the edge writes only "
          + String.join(", ", MEASUREMENTS.stream().map(MeasurementContract::name).toList());
    }
    String problem = measurement.get().problem(point);
    if (problem != null) {
      return problem;
    }
    long ahead = point.timeMillis() - nowMillis;
    if (ahead > maxFutureSkewMillis) {
      return "timestamp "
          + point.timeMillis()
          + " is "
          + describe(ahead)
          + " in the future; at most "
          + maxFutureSkewMillis / 1000
          + " s ahead of central's clock is accepted";
    }
    return null;
  }

  private static String describe(long millis) {
    long days = millis / 86_400_000L;
    if (days >= 2) {
      return days + " days";
    }
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
  }

  /** Whether a tag key of any measurement has this name. */
  static boolean isTagKey(String name) {
    return !name.equals(TIME) && RESERVED.contains(name);
  }

  static boolean isReserved(byte[] body, int start, int end) {
    return RESERVED_NAMES.indexOf(body, start, end) >= 0;
  }

  /** The contract of the measurement named {@code body[start, end)}, or null. */
  static MeasurementContract measurement(byte[] body, int start, int end) {
    int index = MEASUREMENT_NAMES.indexOf(body, start, end);
    return index < 0 ? null : MEASUREMENTS.get(index);
  }

  /** Returns the id, or throws naming what is wrong with it. */
  public static String checkId(String what, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + id
              + "' is not a valid id: use 1 to 64 lower-case letters, digits, '-' or '_',"
              + " starting with a letter or digit");
    }
    return id;
  }

  private static Map<String, FieldType> fields(Object... namesAndTypes) {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (int k = 0; k < namesAndTypes.length; k += 2) {
      fields.put((String) namesAndTypes[k], (FieldType) namesAndTypes[k + 1]);
    }
    return fields;
  }

  private static Map<String, FieldType> withBoardHashrates(Object... namesAndTypes) {
    Map<String, FieldType> fields = fields(namesAndTypes);
    for (int board = 0; board < MAX_BOARDS; board++) {
      fields.put(fieldHashrateBoardThs(board), FLOAT);
    }
    return fields;
  }

  private static Map<String, FieldType> emissionsFields() {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    EMISSIONS_FIGURES.forEach(figure -> fields.put(figure, FLOAT));
    fields.put(FIELD_INTERVAL_SECONDS, FLOAT);
    fields.put(FIELD_SPANS_OUTAGE, INTEGER);
    fields.put(FIELD_VOLUME_RESOLUTION_CF, FLOAT);
    return fields;
  }

  private static Set<String> reserved() {
    TreeSet<String> names = new TreeSet<>();
    MEASUREMENTS.forEach(m -> names.addAll(m.tagKeys()));
    names.add(TIME);
    return Collections.unmodifiableSet(names);
  }
}
