package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flarewatch.drivers.DecimalScale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the sections of a poll's replies to one {@link MinerSample}. Pure. Missing sections or
 * fields give {@code null} values, unknown fields are ignored, and numbers sent as strings are
 * accepted. See the module README for the field sources per firmware.
 */
public final class MinerSampleMapper {

  /** Sensor readings at or below this (absent chain) or at or above the upper bound are dropped. */
  static final double MIN_PLAUSIBLE_TEMP_C = 0;

  static final double MAX_PLAUSIBLE_TEMP_C = 200;

  private static final Map<MinerFirmware, List<String>> PREFERRED_HASHRATE_FIELDS =
      Map.of(
          MinerFirmware.ANTMINER, List.of("GHS 5s", "GHS av"),
          MinerFirmware.LUXOS, List.of("GHS 5s", "GHS av"),
          MinerFirmware.BRAIINS_OS, List.of("MHS 1m", "MHS 5s", "MHS av"),
          MinerFirmware.WHATSMINER, List.of("MHS 1m", "MHS 5s", "MHS av"),
          MinerFirmware.CGMINER, List.of("MHS 5s", "MHS 1m", "MHS av"));

  private static final List<String> ANY_HASHRATE_FIELD =
      List.of(
          "THS 5s", "GHS 5s", "MHS 5s", "KHS 5s", "THS 1m", "GHS 1m", "MHS 1m", "KHS 1m", "THS av",
          "GHS av", "MHS av", "KHS av");

  private static final Pattern BOARD_TEMP_KEY = Pattern.compile("temp\\d+|temp_pcb\\d*");
  private static final Pattern CHIP_TEMP_KEY = Pattern.compile("temp\\d_\\d+|temp_chip\\d*");
  private static final Pattern FAN_SLOT_KEY = Pattern.compile("fan(\\d+)");
  private static final Pattern SLEEP_MESSAGE =
      Pattern.compile("sleep|paused|curtail", Pattern.CASE_INSENSITIVE);
  private static final Set<String> SLEEP_FLAGS =
      Set.of("paused", "sleep", "sleeping", "issleeping", "curtailed");
  private static final Set<String> FAILED_DEVICE_STATUS = Set.of("dead", "sick", "nostart");

  private MinerSampleMapper() {}

  /** The normalised sample of one poll. */
  public static MinerSample map(MinerFirmware firmware, MinerReplySections replies) {
    JsonNode summary = replies.first("SUMMARY");
    Double hashrate = hashrateThs(firmware, replies);
    Double power = powerWatts(firmware, replies);
    PowerSource powerSource = power == null ? PowerSource.NONE : powerSourceOf(firmware);
    List<Double> boardTemps = new ArrayList<>();
    List<Double> chipTemps = new ArrayList<>();
    collectTemperatures(replies, boardTemps, chipTemps);
    List<JsonNode> pools = replies.section("POOLS");
    Integer poolsTotal = pools.isEmpty() ? null : pools.size();
    Integer poolsAlive =
        pools.isEmpty() ? null : (int) pools.stream().filter(MinerSampleMapper::alive).count();
    return new MinerSample(
        firmware,
        state(replies, hashrate, poolsAlive, poolsTotal),
        hashrate,
        power,
        powerSource,
        max(chipTemps),
        max(boardTemps),
        fanRpms(replies),
        uptimeSeconds(summary, replies),
        poolsAlive,
        poolsTotal,
        activePoolUrl(pools));
  }

  // ---- hashrate

  private static Double hashrateThs(MinerFirmware firmware, MinerReplySections replies) {
    List<JsonNode> sources = new ArrayList<>();
    if (replies.first("SUMMARY") != null) {
      sources.add(replies.first("SUMMARY"));
    }
    sources.addAll(replies.section("STATS"));
    List<String> fields = new ArrayList<>(PREFERRED_HASHRATE_FIELDS.get(firmware));
    fields.addAll(ANY_HASHRATE_FIELD);
    for (JsonNode source : sources) {
      for (String field : fields) {
        Double value = LenientValues.number(source, field);
        if (value != null) {
          return toThs(value, field.substring(0, 3));
        }
      }
    }
    for (JsonNode stats : replies.section("STATS")) {
      for (String field : List.of("rate_5s", "rate_30m", "rate_avg")) {
        Double value = LenientValues.number(stats, field);
        if (value != null) {
          String unit = LenientValues.text(stats, "rate_unit");
          return toThs(value, unit == null ? "GHS" : unit.replace("/", ""));
        }
      }
    }
    return null;
  }

  /** A hashrate in TH/s, converted in decimal (101200000 MH/s is 101.2, not 101.19999999999999). */
  private static double toThs(double value, String unit) {
    int exponent =
        switch (unit.toUpperCase(Locale.ROOT)) {
          case "THS" -> 0;
          case "MHS" -> -6;
          case "KHS" -> -9;
          default -> -3;
        };
    return DecimalScale.byPowerOfTen(value, exponent);
  }

  // ---- power

  private static Double powerWatts(MinerFirmware firmware, MinerReplySections replies) {
    return switch (firmware) {
      case BRAIINS_OS ->
          LenientValues.number(replies.first("TUNERSTATUS"), "ApproximateMinerPowerConsumption");
      case LUXOS -> LenientValues.number(replies.first("POWER"), "Watts");
      case WHATSMINER -> LenientValues.number(replies.first("SUMMARY"), "Power");
      case ANTMINER, CGMINER -> null;
    };
  }

  private static PowerSource powerSourceOf(MinerFirmware firmware) {
    return firmware == MinerFirmware.BRAIINS_OS ? PowerSource.TUNER : PowerSource.FIRMWARE;
  }

  // ---- temperatures

  private static void collectTemperatures(
      MinerReplySections replies, List<Double> board, List<Double> chip) {
    for (JsonNode temps : replies.section("TEMPS")) {
      forEachField(
          temps,
          (key, value) -> {
            if (key.contains("chip")) {
              addTemperatures(value, chip);
            } else if (key.contains("board") || key.contains("pcb")) {
              addTemperatures(value, board);
            }
          });
    }
    for (JsonNode stats : replies.section("STATS")) {
      forEachField(
          stats,
          (key, value) -> {
            if (BOARD_TEMP_KEY.matcher(key).matches()) {
              addTemperatures(value, board);
            } else if (CHIP_TEMP_KEY.matcher(key).matches()) {
              addTemperatures(value, chip);
            }
          });
      for (JsonNode chain : stats.path("chain")) {
        addTemperatures(chain.get("temp_pcb"), board);
        addTemperatures(chain.get("temp_chip"), chip);
      }
    }
    List<JsonNode> perDevice = new ArrayList<>(replies.section("DEVS"));
    perDevice.addAll(replies.section("SUMMARY"));
    for (JsonNode device : perDevice) {
      addTemperatures(device.get("Temperature"), board);
      addTemperatures(device.get("Chip Temp Max"), chip);
    }
  }

  private static void addTemperatures(JsonNode value, List<Double> into) {
    if (value == null) {
      return;
    }
    if (value.isArray()) {
      value.forEach(v -> addTemperatures(v, into));
      return;
    }
    if (value.isTextual() && value.asText().contains("-") && !value.asText().startsWith("-")) {
      for (String part : value.asText().split("-")) {
        addPlausible(LenientValues.number(TextNode.valueOf(part.trim())), into);
      }
      return;
    }
    addPlausible(LenientValues.number(value), into);
  }

  private static void addPlausible(Double celsius, List<Double> into) {
    if (celsius != null && celsius > MIN_PLAUSIBLE_TEMP_C && celsius < MAX_PLAUSIBLE_TEMP_C) {
      into.add(celsius);
    }
  }

  private static Double max(List<Double> values) {
    return values.stream().max(Double::compare).orElse(null);
  }

  // ---- fans

  private static List<Integer> fanRpms(MinerReplySections replies) {
    List<Integer> rpms = new ArrayList<>();
    for (JsonNode fan : replies.section("FANS")) {
      Double rpm = LenientValues.number(fan, "RPM");
      if (rpm != null) {
        rpms.add((int) Math.round(rpm));
      }
    }
    if (!rpms.isEmpty()) {
      return rpms;
    }
    for (JsonNode stats : replies.section("STATS")) {
      TreeMap<Integer, Integer> slots = new TreeMap<>();
      forEachField(
          stats,
          (key, value) -> {
            Matcher slot = FAN_SLOT_KEY.matcher(key);
            Double rpm = LenientValues.number(value);
            if (slot.matches() && rpm != null && rpm > 0) {
              slots.put(Integer.parseInt(slot.group(1)), (int) Math.round(rpm));
            }
          });
      rpms.addAll(slots.values());
      for (JsonNode fan : stats.path("fan")) {
        Double rpm = LenientValues.number(fan);
        if (rpm != null && rpm > 0) {
          rpms.add((int) Math.round(rpm));
        }
      }
    }
    if (!rpms.isEmpty()) {
      return rpms;
    }
    JsonNode summary = replies.first("SUMMARY");
    for (String field : List.of("Fan Speed In", "Fan Speed Out")) {
      Double rpm = LenientValues.number(summary, field);
      if (rpm != null) {
        rpms.add((int) Math.round(rpm));
      }
    }
    return rpms;
  }

  // ---- uptime, pools, state

  private static Long uptimeSeconds(JsonNode summary, MinerReplySections replies) {
    Long elapsed = LenientValues.wholeNumber(summary, "Elapsed");
    if (elapsed != null) {
      return elapsed;
    }
    for (JsonNode stats : replies.section("STATS")) {
      elapsed = LenientValues.wholeNumber(stats, "Elapsed");
      if (elapsed != null) {
        return elapsed;
      }
    }
    return null;
  }

  private static boolean alive(JsonNode pool) {
    return "alive".equalsIgnoreCase(LenientValues.text(pool, "Status"));
  }

  private static String activePoolUrl(List<JsonNode> pools) {
    for (JsonNode pool : pools) {
      if (LenientValues.truthy(pool.get("Stratum Active"))) {
        return LenientValues.text(pool, "URL");
      }
    }
    JsonNode best = null;
    double bestPriority = Double.MAX_VALUE;
    for (JsonNode pool : pools) {
      Double priority = LenientValues.number(pool, "Priority");
      double rank = priority == null ? Double.MAX_VALUE - 1 : priority;
      if (alive(pool) && rank < bestPriority) {
        best = pool;
        bestPriority = rank;
      }
    }
    return best == null ? null : LenientValues.text(best, "URL");
  }

  private static MinerState state(
      MinerReplySections replies, Double hashrate, Integer poolsAlive, Integer poolsTotal) {
    if (sleeping(replies)) {
      return MinerState.SLEEPING;
    }
    if (hashrate != null && hashrate > 0) {
      return MinerState.MINING;
    }
    boolean deviceFailed =
        replies.section("DEVS").stream()
            .map(dev -> LenientValues.text(dev, "Status"))
            .anyMatch(s -> s != null && FAILED_DEVICE_STATUS.contains(s.toLowerCase(Locale.ROOT)));
    boolean noPoolAlive = poolsTotal != null && poolsTotal > 0 && poolsAlive == 0;
    if (deviceFailed || noPoolAlive) {
      return MinerState.ERROR;
    }
    return hashrate == null ? MinerState.UNKNOWN : MinerState.IDLE;
  }

  private static boolean sleeping(MinerReplySections replies) {
    for (JsonNode status : replies.statuses()) {
      String msg = LenientValues.text(status, "Msg");
      if (msg != null && SLEEP_MESSAGE.matcher(msg).find()) {
        return true;
      }
    }
    List<JsonNode> candidates = new ArrayList<>(replies.section("SUMMARY"));
    candidates.addAll(replies.section("STATS"));
    for (JsonNode entry : candidates) {
      Double minerMode = LenientValues.number(entry, "miner-mode");
      if (minerMode != null && minerMode == 1) {
        return true;
      }
      boolean[] flagged = {false};
      forEachField(
          entry,
          (key, value) -> {
            if (SLEEP_FLAGS.contains(key) && LenientValues.truthy(value)) {
              flagged[0] = true;
            }
          });
      if (flagged[0]) {
        return true;
      }
    }
    return false;
  }

  /** Calls the action with each field's lower-case name and value. */
  private static void forEachField(JsonNode object, FieldAction action) {
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      action.accept(field.getKey().toLowerCase(Locale.ROOT), field.getValue());
    }
  }

  @FunctionalInterface
  private interface FieldAction {
    void accept(String lowerCaseKey, JsonNode value);
  }
}
