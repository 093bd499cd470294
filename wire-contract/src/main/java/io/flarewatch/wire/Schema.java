package io.flarewatch.wire;

import java.util.regex.Pattern;

/** Measurement, tag and field names that the edge writes and central reads. */
public final class Schema {

  /** Every point carries its site in this tag; central accepts a batch only for its own site. */
  public static final String TAG_SITE = "site";

  public static final String TAG_DEVICE = "device";

  /** One point per miner per poll: {@code up} is 1 when it answered, 0 when it did not. */
  public static final String MINER = "miner";

  public static final String TAG_MINER = "miner";

  /** Generator controller readings, fields named as in its register map. */
  public static final String GENERATOR = "generator";

  /** Gas meter readings, fields named as in its register map, plus the interval volume. */
  public static final String GAS_METER = "gas_meter";

  public static final String TAG_ROLE = "role";

  /** One point per poll cycle: miners total/online and total hashrate. */
  public static final String SITE_SUMMARY = "site_summary";

  /** Emissions per interval, computed at the edge from the genset fuel volume. */
  public static final String EMISSIONS = "emissions";

  /**
   * Something the edge itself reports: {@code kind=buffer_full} with {@code dropped_lines}, {@code
   * kind=cycle_lost} with {@code lost_cycles} and {@code skipped_cycles}.
   */
  public static final String EDGE_EVENT = "edge_event";

  public static final String FIELD_UP = "up";
  public static final String FIELD_HASHRATE_THS = "hashrate_ths";
  public static final String FIELD_POWER_W = "power_w";
  public static final String FIELD_MINERS_TOTAL = "miners_total";
  public static final String FIELD_MINERS_ONLINE = "miners_online";
  public static final String FIELD_GENERATOR_KW = "power_kw";
  public static final String FIELD_INTERVAL_VOLUME_SCF = "interval_volume_scf";

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

  private Schema() {}

  /** The miner field of one board's hashrate in TH/s: {@code hashrate_board0_ths}, ... */
  public static String fieldHashrateBoardThs(int board) {
    if (board < 0 || board >= MAX_BOARDS) {
      throw new IllegalArgumentException("board " + board + " is not in 0.." + (MAX_BOARDS - 1));
    }
    return "hashrate_board" + board + "_ths";
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
}
