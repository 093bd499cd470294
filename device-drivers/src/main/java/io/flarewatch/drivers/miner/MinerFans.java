package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The speed of each fan in RPM: {@code FANS[].RPM} (all, zero included); else Antminer {@code
 * fan1..8} and {@code fan[]} (slots reading 0 are empty and left out); else Whatsminer {@code Fan
 * Speed In} / {@code Out}. Pure.
 */
final class MinerFans {

  private static final Pattern SLOT_KEY = Pattern.compile("fan(\\d+)");

  private MinerFans() {}

  static List<Integer> rpms(MinerReplySections replies) {
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
      for (Map.Entry<String, JsonNode> field : stats.properties()) {
        Matcher slot = SLOT_KEY.matcher(field.getKey().toLowerCase(Locale.ROOT));
        Double rpm = LenientValues.number(field.getValue());
        if (slot.matches() && rpm != null && rpm > 0) {
          slots.put(Integer.parseInt(slot.group(1)), (int) Math.round(rpm));
        }
      }
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
}
