package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.drivers.DecimalScale;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hashrate of a whole miner and of each of its boards (hash chains), in TH/s. Pure. */
final class MinerHashrates {

  private static final Map<MinerFirmware, List<String>> PREFERRED_FIELDS =
      Map.of(
          MinerFirmware.ANTMINER, List.of("GHS 5s", "GHS av"),
          MinerFirmware.LUXOS, List.of("GHS 5s", "GHS av"),
          MinerFirmware.BRAIINS_OS, List.of("MHS 1m", "MHS 5s", "MHS av"),
          MinerFirmware.WHATSMINER, List.of("MHS 1m", "MHS 5s", "MHS av"),
          MinerFirmware.CGMINER, List.of("MHS 5s", "MHS 1m", "MHS av"));

  private static final List<String> ANY_FIELD =
      List.of(
          "THS 5s", "GHS 5s", "MHS 5s", "KHS 5s", "THS 1m", "GHS 1m", "MHS 1m", "KHS 1m", "THS av",
          "GHS av", "MHS av", "KHS av");

  private static final Pattern CHAIN_RATE_KEY = Pattern.compile("chain_rate(\\d+)");

  private MinerHashrates() {}

  /**
   * The miner's hashrate: {@code SUMMARY[0]} then {@code STATS[]} rate fields (the firmware's
   * preferred ones first), then {@code STATS[]} {@code rate_5s}/{@code rate_30m}/{@code rate_avg};
   * when the firmware reports none of these, the sum of its boards ({@link #boardsThs}).
   */
  static Double totalThs(MinerFirmware firmware, MinerReplySections replies) {
    List<JsonNode> sources = new ArrayList<>();
    if (replies.first("SUMMARY") != null) {
      sources.add(replies.first("SUMMARY"));
    }
    sources.addAll(replies.section("STATS"));
    for (JsonNode source : sources) {
      Double value = rateField(firmware, source);
      if (value != null) {
        return value;
      }
    }
    for (JsonNode stats : replies.section("STATS")) {
      for (String field : List.of("rate_5s", "rate_30m", "rate_avg")) {
        Double value = LenientValues.number(stats, field);
        if (value != null) {
          return toThs(value, unitOf(stats));
        }
      }
    }
    BigDecimal sum = null;
    for (Double board : boardsThs(firmware, replies)) {
      if (board != null) {
        sum = (sum == null ? BigDecimal.ZERO : sum).add(BigDecimal.valueOf(board));
      }
    }
    return sum == null ? null : sum.doubleValue();
  }

  /**
   * The hashrate of each board in the order the firmware lists them, {@code null} for a board
   * listed without a rate: Antminer {@code STATS[].chain[].rate_real} (newer firmware), else {@code
   * chain_rate<n>} (older firmware, LuxOS; empty slots left out), else each {@code DEVS[]} entry's
   * rate field. Empty when the firmware reports none.
   */
  static List<Double> boardsThs(MinerFirmware firmware, MinerReplySections replies) {
    List<Double> boards = new ArrayList<>();
    for (JsonNode stats : replies.section("STATS")) {
      for (JsonNode chain : stats.path("chain")) {
        Double rate = LenientValues.number(chain, "rate_real");
        boards.add(rate == null ? null : toThs(rate, unitOf(stats)));
      }
    }
    if (!boards.isEmpty()) {
      return boards;
    }
    for (JsonNode stats : replies.section("STATS")) {
      TreeMap<Integer, Double> slots = new TreeMap<>();
      for (Map.Entry<String, JsonNode> field : stats.properties()) {
        Matcher slot = CHAIN_RATE_KEY.matcher(field.getKey().toLowerCase(Locale.ROOT));
        Double rate = LenientValues.number(field.getValue());
        if (slot.matches() && rate != null) {
          slots.put(Integer.parseInt(slot.group(1)), toThs(rate, unitOf(stats)));
        }
      }
      boards.addAll(slots.values());
    }
    if (!boards.isEmpty()) {
      return boards;
    }
    for (JsonNode device : replies.section("DEVS")) {
      boards.add(rateField(firmware, device));
    }
    return boards;
  }

  /** The first rate field an entry has, the firmware's preferred fields first, in TH/s. */
  private static Double rateField(MinerFirmware firmware, JsonNode entry) {
    List<String> fields = new ArrayList<>(PREFERRED_FIELDS.get(firmware));
    fields.addAll(ANY_FIELD);
    for (String field : fields) {
      Double value = LenientValues.number(entry, field);
      if (value != null) {
        return toThs(value, field.substring(0, 3));
      }
    }
    return null;
  }

  /** The unit of a STATS entry's rates: its {@code rate_unit} ({@code GH/s} → GHS), else GHS. */
  private static String unitOf(JsonNode stats) {
    String unit = LenientValues.text(stats, "rate_unit");
    return unit == null ? "GHS" : unit.replace("/", "");
  }

  /**
   * A rate in TH/s, converted in decimal ({@link DecimalScale}): 101200000 MH/s is exactly 101.2,
   * never 101.19999999999999.
   */
  static double toThs(double value, String unit) {
    int exponent =
        switch (unit.toUpperCase(Locale.ROOT)) {
          case "THS" -> 0;
          case "MHS" -> -6;
          case "KHS" -> -9;
          default -> -3;
        };
    return DecimalScale.byPowerOfTen(value, exponent);
  }
}
