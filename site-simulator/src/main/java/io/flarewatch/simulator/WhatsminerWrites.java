package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Base64;

/**
 * Whatsminer API v2 writes: {@code {"enc":1,"data":base64(AES-256-ECB(json))}}, the json holding
 * {@code cmd}, its parameters and the {@code token} sign of an unexpired {@code get_token}.
 * Understood: {@code power_off} (mining stops, the hash boards lose power), {@code power_on},
 * {@code adjust_power_limit} ({@code power_limit} in W; 99999 or more than the model's ceiling
 * clears it). Success is an encrypted {@code {"enc":...}}; a request the miner cannot read or whose
 * token it does not know gets a plaintext error: 137 "base64 decode err", 23 "json cmd err" (it
 * does not decrypt to JSON, i.e. the key came from another password), 135 "check token err"
 * (unknown or expired token). A bad value gets an encrypted 14 "invalid cmd".
 */
final class WhatsminerWrites {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int CLEAR_LIMIT = 99_999;

  private final MinerMoment at;
  private final MinerModel m;
  private final WhatsminerTokens tokens;

  WhatsminerWrites(MinerMoment at) {
    this.at = at;
    this.m = at.miner();
    this.tokens = m.whatsminerTokens;
  }

  /** The reply to one encrypted request. */
  ObjectNode reply(JsonNode request) {
    JsonNode data = request.get("data");
    if (data == null || !data.isTextual()) {
      return plainError(23, "json cmd err");
    }
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(data.asText().replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      return plainError(137, "base64 decode err");
    }
    JsonNode write;
    try {
      if (cipherText.length == 0 || cipherText.length % 16 != 0) {
        return plainError(23, "json cmd err");
      }
      write = MAPPER.readTree(tokens.decrypt(cipherText));
    } catch (IOException | IllegalArgumentException e) {
      return plainError(23, "json cmd err");
    }
    if (write == null || !write.isObject()) {
      return plainError(23, "json cmd err");
    }
    if (!tokens.accepts(write.path("token").asText(null), at.now())) {
      return plainError(135, "check token err");
    }
    return encrypted(execute(write));
  }

  private ObjectNode execute(JsonNode write) {
    String cmd = write.path("cmd").asText("");
    switch (cmd) {
      case "power_off" -> at.sleep();
      case "power_on" -> at.wake();
      case "adjust_power_limit" -> {
        Integer watts = watts(write.get("power_limit"));
        if (watts == null || watts <= 0) {
          return WhatsminerReplies.v2(at.when(), "E", 14, TextNode.valueOf("invalid cmd"));
        }
        boolean clears = watts >= CLEAR_LIMIT || watts >= WhatsminerReplies.factoryPowerLimit(m);
        m.powerLimitWatts = clears ? 0 : watts;
      }
      default -> {
        return WhatsminerReplies.v2(at.when(), "E", 14, TextNode.valueOf("invalid cmd"));
      }
    }
    return WhatsminerReplies.v2(at.when(), "S", 131, TextNode.valueOf("API command OK"));
  }

  private static Integer watts(JsonNode value) {
    if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
      return null;
    }
    try {
      return Integer.parseInt(value.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private ObjectNode encrypted(ObjectNode reply) {
    ObjectNode r = ReplyEnvelope.JSON.objectNode();
    r.put("enc", tokens.encrypt(reply.toString()));
    return r;
  }

  private ObjectNode plainError(int code, String msg) {
    return WhatsminerReplies.v2(at.when(), "E", code, TextNode.valueOf(msg));
  }
}
