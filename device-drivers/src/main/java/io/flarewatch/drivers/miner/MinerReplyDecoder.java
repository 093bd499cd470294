package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the raw bytes of a CGMiner-style API reply into a Jackson tree. Pure.
 *
 * <p>Real firmware sends JSON with quirks; they are repaired on the text before Jackson parses it:
 *
 * <ul>
 *   <li>NUL bytes (cgminer terminates replies with {@code \u0000}) are removed;
 *   <li>{@code }{} between objects (Antminer {@code stats}) becomes {@code },{};
 *   <li>bare {@code inf}, {@code -inf}, {@code nan} values become {@code null};
 *   <li>trailing commas ({@code ,}} and {@code ,]}) are accepted by Jackson's {@code
 *       ALLOW_TRAILING_COMMA}.
 * </ul>
 *
 * Numbers sent as strings are left as strings; the sample mapping accepts both. A reply that cannot
 * be read fails with a {@link MinerReplyException} ({@code bad_reply}); a reply whose STATUS is E
 * (error) or F (fatal), at the top level or in any part of a joined reply, fails with a {@link
 * MinerStatusException} ({@code reply_error}) carrying the firmware's Code and Msg.
 */
public final class MinerReplyDecoder {

  private static final int EXCERPT_CHARS = 120;
  private static final Pattern CONCATENATED_OBJECTS = Pattern.compile("\\}\\s*\\{");
  private static final Pattern BARE_NON_NUMBER =
      Pattern.compile(
          "([:\\[,]\\s*)[-+]?(?:infinity|inf|nan)(?=\\s*[,}\\]])", Pattern.CASE_INSENSITIVE);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private MinerReplyDecoder() {}

  /** Repairs, parses and checks the STATUS of a reply. */
  public static JsonNode decode(byte[] raw) {
    JsonNode root = parse(raw);
    requireSuccess(root, raw);
    return root;
  }

  /** Repairs and parses a reply without looking at its STATUS. */
  public static JsonNode parse(byte[] raw) {
    String repaired = repair(new String(raw, StandardCharsets.UTF_8));
    if (repaired.isEmpty()) {
      throw new MinerReplyException("empty reply");
    }
    try {
      JsonNode root = MAPPER.readTree(repaired);
      if (root == null || !root.isObject()) {
        throw new MinerReplyException("reply is not a JSON object: '" + excerpt(raw) + "'");
      }
      return root;
    } catch (JsonProcessingException e) {
      long offset = e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
      String what =
          "reply is not valid JSON ("
              + e.getOriginalMessage()
              + ") near '"
              + around(repaired, offset)
              + "'";
      throw new MinerReplyException(what + " in '" + excerpt(raw) + "'", what, e);
    }
  }

  /** True when the bytes hold one complete reply (used to stop reading before the peer closes). */
  public static boolean isComplete(byte[] raw) {
    int last = raw.length - 1;
    while (last >= 0 && (raw[last] == 0 || Character.isWhitespace(raw[last]))) {
      last--;
    }
    if (last < 0 || raw[last] != '}') {
      return false;
    }
    try {
      parse(raw);
      return true;
    } catch (MinerReplyException e) {
      return false;
    }
  }

  /** The text-level repairs, exposed for tests. */
  public static String repair(String text) {
    String withoutNul = text.replace("\u0000", "").strip();
    String separated = CONCATENATED_OBJECTS.matcher(withoutNul).replaceAll("},{");
    return BARE_NON_NUMBER.matcher(separated).replaceAll("$1null");
  }

  /**
   * Fails when the reply, or any part of a joined reply, has STATUS E or F. Handles both the
   * CGMiner form ({@code "STATUS":[{"STATUS":"E","Msg":...}]}) and the Whatsminer form ({@code
   * "STATUS":"E","Msg":...}).
   */
  public static void requireSuccess(JsonNode root, byte[] raw) {
    checkStatus(root, "", raw);
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      JsonNode value = field.getValue();
      boolean commandKey = !field.getKey().equals(field.getKey().toUpperCase(Locale.ROOT));
      boolean joinedPart = commandKey && value.isArray() && value.size() > 0;
      if (joinedPart && value.get(0).isObject()) {
        checkStatus(value.get(0), "'" + field.getKey() + "' part", raw);
      }
    }
  }

  private static void checkStatus(JsonNode reply, String where, byte[] raw) {
    JsonNode status = reply.get("STATUS");
    if (status == null) {
      return;
    }
    JsonNode entry = status.isArray() && status.size() > 0 ? status.get(0) : reply;
    JsonNode code = entry.isObject() ? entry.get("STATUS") : status;
    if (code == null || !code.isTextual()) {
      return;
    }
    String letter = code.asText().trim().toUpperCase(Locale.ROOT);
    if (letter.equals("E") || letter.equals("F")) {
      JsonNode msg = entry.get("Msg");
      JsonNode codeNumber = entry.get("Code");
      String message = msg == null ? null : msg.isTextual() ? msg.asText() : msg.toString();
      String number = codeNumber == null ? null : codeNumber.asText();
      throw new MinerStatusException(
          (where.isEmpty() ? "" : where + ": ")
              + "miner replied STATUS "
              + letter
              + (number == null ? "" : " (code " + number + ")")
              + ": "
              + (message == null ? "no Msg" : message)
              + " in '"
              + excerpt(raw)
              + "'",
          letter,
          number,
          message,
          where);
    }
  }

  private static String around(String text, long offset) {
    int at = (int) Math.max(0, Math.min(text.length(), offset));
    int from = Math.max(0, at - 30);
    int to = Math.min(text.length(), at + 30);
    return escape(text.substring(from, to), Integer.MAX_VALUE);
  }

  /** The first characters of a reply, control characters escaped, for error messages. */
  public static String excerpt(byte[] raw) {
    return escape(new String(raw, StandardCharsets.UTF_8), EXCERPT_CHARS);
  }

  private static String escape(String text, int maxChars) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < text.length() && out.length() < maxChars; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (i < text.length()) {
      out.append("...");
    }
    return out.toString();
  }
}
