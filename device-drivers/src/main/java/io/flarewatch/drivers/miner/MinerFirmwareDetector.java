package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recognises the firmware from the reply to the {@code version} command. Pure.
 *
 * <p>Looks at the keys and values of {@code VERSION[0]}, {@code STATUS[0]} (whose {@code
 * Description} names the mining program) and a Whatsminer-style {@code Msg} object; first match
 * wins:
 *
 * <ol>
 *   <li>{@code bosminer}, {@code boser} or {@code braiins}: {@link MinerFirmware#BRAIINS_OS};
 *   <li>{@code luxminer}: {@link MinerFirmware#LUXOS};
 *   <li>{@code btminer}, {@code whatsminer}, {@code api_ver}/{@code fw_ver} keys, or a {@code Type}
 *       like {@code M30S+}: {@link MinerFirmware#WHATSMINER};
 *   <li>{@code bmminer} or {@code antminer}: {@link MinerFirmware#ANTMINER};
 *   <li>otherwise {@link MinerFirmware#CGMINER}.
 * </ol>
 */
public final class MinerFirmwareDetector {

  private static final Pattern WHATSMINER_MODEL = Pattern.compile("^m\\d{2}.*");

  private MinerFirmwareDetector() {}

  /** The firmware family of a decoded {@code version} reply. */
  public static MinerFirmware detect(JsonNode versionReply) {
    StringBuilder haystack = new StringBuilder();
    JsonNode version = versionReply.path("VERSION").path(0);
    collect(version, haystack);
    collect(versionReply.path("STATUS").path(0), haystack);
    JsonNode msg = versionReply.get("Msg");
    if (msg == null) {
      msg = versionReply.path("STATUS").path(0).get("Msg");
    }
    if (msg != null && msg.isObject()) {
      collect(msg, haystack);
    }
    String text = haystack.toString();
    String type = version.path("Type").asText("").trim().toLowerCase(Locale.ROOT);
    if (containsAny(text, "bosminer", "boser", "braiins")) {
      return MinerFirmware.BRAIINS_OS;
    }
    if (text.contains("luxminer")) {
      return MinerFirmware.LUXOS;
    }
    if (containsAny(text, "btminer", "whatsminer", "api_ver=", "fw_ver=")
        || WHATSMINER_MODEL.matcher(type).matches()) {
      return MinerFirmware.WHATSMINER;
    }
    if (containsAny(text, "bmminer", "antminer")) {
      return MinerFirmware.ANTMINER;
    }
    return MinerFirmware.CGMINER;
  }

  private static void collect(JsonNode object, StringBuilder haystack) {
    if (!object.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      haystack
          .append(field.getKey().toLowerCase(Locale.ROOT))
          .append('=')
          .append(field.getValue().asText("").toLowerCase(Locale.ROOT))
          .append('\n');
    }
  }

  private static boolean containsAny(String text, String... needles) {
    for (String needle : needles) {
      if (text.contains(needle)) {
        return true;
      }
    }
    return false;
  }
}
