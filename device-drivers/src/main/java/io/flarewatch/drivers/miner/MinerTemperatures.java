package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A miner's hottest chip and board, and the air it takes in, in °C. Pure. Chip and board readings
 * at or below 0 °C (absent chain) or at or above 200 °C are treated as absent sensors.
 *
 * @param maxChipC hottest chip sensor, or null
 * @param maxBoardC hottest board (PCB) sensor, or null
 * @param ambientC inlet / environment temperature (Whatsminer {@code Env Temp}), or null
 */
record MinerTemperatures(Double maxChipC, Double maxBoardC, Double ambientC) {

  static final double MIN_PLAUSIBLE_C = 0;
  static final double MAX_PLAUSIBLE_C = 200;
  private static final double MIN_PLAUSIBLE_AMBIENT_C = -60;
  private static final double MAX_PLAUSIBLE_AMBIENT_C = 90;

  private static final Pattern BOARD_KEY = Pattern.compile("temp\\d+|temp_pcb\\d*");
  private static final Pattern CHIP_KEY = Pattern.compile("temp\\d_\\d+|temp_chip\\d*");

  static MinerTemperatures of(MinerReplySections replies) {
    List<Double> board = new ArrayList<>();
    List<Double> chip = new ArrayList<>();
    for (JsonNode temps : replies.section("TEMPS")) {
      for (Map.Entry<String, JsonNode> field : temps.properties()) {
        String key = field.getKey().toLowerCase(Locale.ROOT);
        if (key.contains("chip")) {
          add(field.getValue(), chip);
        } else if (key.contains("board") || key.contains("pcb")) {
          add(field.getValue(), board);
        }
      }
    }
    for (JsonNode stats : replies.section("STATS")) {
      for (Map.Entry<String, JsonNode> field : stats.properties()) {
        String key = field.getKey().toLowerCase(Locale.ROOT);
        if (BOARD_KEY.matcher(key).matches()) {
          add(field.getValue(), board);
        } else if (CHIP_KEY.matcher(key).matches()) {
          add(field.getValue(), chip);
        }
      }
      for (JsonNode chain : stats.path("chain")) {
        add(chain.get("temp_pcb"), board);
        add(chain.get("temp_chip"), chip);
      }
    }
    List<JsonNode> perDevice = new ArrayList<>(replies.section("DEVS"));
    perDevice.addAll(replies.section("SUMMARY"));
    for (JsonNode device : perDevice) {
      add(device.get("Temperature"), board);
      add(device.get("Chip Temp Max"), chip);
    }
    return new MinerTemperatures(max(chip), max(board), ambient(replies));
  }

  private static Double ambient(MinerReplySections replies) {
    Double env = LenientValues.number(replies.first("SUMMARY"), "Env Temp");
    return env != null && env > MIN_PLAUSIBLE_AMBIENT_C && env < MAX_PLAUSIBLE_AMBIENT_C
        ? env
        : null;
  }

  /** Adds a reading: a number, a numeric string, an array of them or Antminer's "48-49-70-72". */
  private static void add(JsonNode value, List<Double> into) {
    if (value == null) {
      return;
    }
    if (value.isArray()) {
      value.forEach(v -> add(v, into));
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
    if (celsius != null && celsius > MIN_PLAUSIBLE_C && celsius < MAX_PLAUSIBLE_C) {
      into.add(celsius);
    }
  }

  private static Double max(List<Double> values) {
    return values.stream().max(Double::compare).orElse(null);
  }
}
