package io.flarewatch.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** Serialises miner replies to bytes, with the firmware's quirks. */
final class WireFormat {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final String NAN = "\u0001nan\u0001";
  private static final String INF = "\u0001inf\u0001";
  private static final Set<String> NAN_FIELDS =
      Set.of("Device Hardware%", "Device Rejected%", "Pool Rejected%", "Pool Stale%");
  private static final Set<String> INF_FIELDS = Set.of("Utility", "Work Utility");

  private WireFormat() {}

  /**
   * Encodes a reply.
   *
   * @param reply the reply object (single or joined)
   * @param quirks malformations to apply
   * @param antminerStats true when the reply holds a stock Antminer stats section (its two STATS
   *     objects are always sent without a comma between them, as bmminer does)
   */
  static byte[] encode(ObjectNode reply, Set<MinerQuirk> quirks, boolean antminerStats) {
    ObjectNode r = reply.deepCopy();
    plainDecimals(r);
    if (quirks.contains(MinerQuirk.NUMBERS_AS_STRINGS)) {
      numbersAsStrings(r, false);
    }
    if (quirks.contains(MinerQuirk.NON_FINITE)) {
      nonFinite(r);
    }
    String json;
    try {
      json = MAPPER.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise miner reply", e);
    }
    json = json.replace("\"\\u0001nan\\u0001\"", "nan").replace("\"\\u0001inf\\u0001\"", "inf");
    if (quirks.contains(MinerQuirk.CONCATENATED_OBJECTS)) {
      json = json.replace("},{", "}{");
    } else if (antminerStats) {
      json = json.replace("},{\"STATS\":0", "}{\"STATS\":0");
    }
    if (quirks.contains(MinerQuirk.TRAILING_COMMA)) {
      json = json.replace("}]", ",}]");
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    if (!quirks.contains(MinerQuirk.TRAILING_NUL)) {
      return body;
    }
    byte[] withNul = new byte[body.length + 1];
    System.arraycopy(body, 0, withNul, 0, body.length);
    return withNul;
  }

  /** Numbers become strings everywhere except in STATUS sections and the top-level id. */
  private static void numbersAsStrings(JsonNode node, boolean inStatus) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        boolean status = inStatus || "STATUS".equals(e.getKey()) || "id".equals(e.getKey());
        if (e.getValue().isNumber() && !status) {
          JsonNode v = e.getValue();
          e.setValue(
              TextNode.valueOf(v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText()));
        } else {
          numbersAsStrings(e.getValue(), status);
        }
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode child : node) {
        numbersAsStrings(child, inStatus);
      }
    }
  }

  /** Doubles as firmware prints them: plain decimals, never 1.2E8. */
  private static void plainDecimals(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (e.getValue().isDouble()) {
          e.setValue(DecimalNode.valueOf(BigDecimal.valueOf(e.getValue().doubleValue())));
        } else {
          plainDecimals(e.getValue());
        }
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode child : node) {
        plainDecimals(child);
      }
    }
  }

  private static void nonFinite(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (NAN_FIELDS.contains(e.getKey())) {
          e.setValue(TextNode.valueOf(NAN));
        } else if (INF_FIELDS.contains(e.getKey())) {
          e.setValue(TextNode.valueOf(INF));
        } else {
          nonFinite(e.getValue());
        }
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode child : node) {
        nonFinite(child);
      }
    }
  }
}
