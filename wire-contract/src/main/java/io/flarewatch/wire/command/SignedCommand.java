package io.flarewatch.wire.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command envelope in its one canonical byte form (JSON, keys sorted, no whitespace, instants in
 * ISO-8601 UTC) with central's Ed25519 signature over exactly those bytes.
 *
 * <p>On the wire, between central and the edge, it travels as {@code {"payload": base64 of the
 * canonical bytes, "signature": base64, "keyId": ...}}: the edge verifies the bytes it received,
 * never a form it rebuilt, and only then reads them.
 *
 * @param payload the canonical bytes
 * @param signature central's signature of {@code payload}, 64 bytes
 * @param keyId the id of the signing key ({@link Ed25519Signatures#keyId}), a hint for people
 */
public record SignedCommand(byte[] payload, byte[] signature, String keyId) {

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** Signs an envelope with central's key. */
  public static SignedCommand sign(CommandEnvelope envelope, PrivateKey key, PublicKey publicKey) {
    byte[] payload = canonicalBytes(envelope);
    return new SignedCommand(
        payload, Ed25519Signatures.sign(key, payload), Ed25519Signatures.keyId(publicKey));
  }

  /** The canonical bytes of an envelope: the same envelope always gives the same bytes. */
  public static byte[] canonicalBytes(CommandEnvelope e) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (e.watts() != null) {
      params.put("watts", e.watts());
    }
    if (e.cancels() != null) {
      params.put("command", e.cancels());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", e.id());
    json.put("site", e.site());
    json.put("action", e.action().wireName());
    json.put("params", params);
    json.put("targets", e.targets());
    json.put("plan", e.plan());
    json.put("issuedBy", e.issuedBy());
    json.put("issuedAt", e.issuedAt().toString());
    json.put("notBefore", e.notBefore().toString());
    json.put("expiresAt", e.expiresAt().toString());
    try {
      return CANONICAL.writeValueAsBytes(sortKeys(json));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot encode command " + e.id(), ex);
    }
  }

  /**
   * The envelope, if the signature verifies with {@code centralKey}.
   *
   * @throws CommandRefusedException with reason {@code bad_signature} or {@code malformed}
   */
  public CommandEnvelope verify(PublicKey centralKey) {
    if (signature == null || !Ed25519Signatures.verify(centralKey, payload, signature)) {
      throw new CommandRefusedException(
          CommandRefusedException.BAD_SIGNATURE,
          "the signature does not verify with the configured central key");
    }
    return envelope(payload);
  }

  /** The wire form: {@code {"payload":..., "signature":..., "keyId":...}}. */
  public ObjectNode toJson() {
    ObjectNode node = CANONICAL.createObjectNode();
    node.put("payload", Base64.getEncoder().encodeToString(payload));
    node.put("signature", Base64.getEncoder().encodeToString(signature));
    node.put("keyId", keyId);
    return node;
  }

  /**
   * Reads the wire form. Does not verify anything.
   *
   * @throws CommandRefusedException with reason {@code malformed}
   */
  public static SignedCommand fromJson(JsonNode node) {
    try {
      return new SignedCommand(
          Base64.getDecoder().decode(text(node, "payload")),
          Base64.getDecoder().decode(text(node, "signature")),
          node.path("keyId").asText(""));
    } catch (IllegalArgumentException e) {
      throw new CommandRefusedException(CommandRefusedException.MALFORMED, e.getMessage());
    }
  }

  /**
   * Reads canonical bytes back into an envelope.
   *
   * @throws CommandRefusedException with reason {@code malformed}, naming what is wrong
   */
  public static CommandEnvelope envelope(byte[] payload) {
    try {
      JsonNode json = CANONICAL.readTree(payload);
      if (json == null || !json.isObject()) {
        throw new IllegalArgumentException("the payload is not a JSON object");
      }
      JsonNode params = json.path("params");
      List<String> targets = new ArrayList<>();
      json.path("targets").forEach(t -> targets.add(t.asText()));
      Map<String, Long> plan = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> offsets = json.path("plan").fields();
      while (offsets.hasNext()) {
        Map.Entry<String, JsonNode> offset = offsets.next();
        if (!offset.getValue().canConvertToLong()) {
          throw new IllegalArgumentException(
              "plan offset of " + offset.getKey() + " is not a number");
        }
        plan.put(offset.getKey(), offset.getValue().asLong());
      }
      return new CommandEnvelope(
          text(json, "id"),
          text(json, "site"),
          CommandAction.fromWire(text(json, "action")),
          params.has("watts") ? params.get("watts").asInt() : null,
          params.has("command") ? params.get("command").asText() : null,
          targets,
          plan,
          text(json, "issuedBy"),
          instant(json, "issuedAt"),
          instant(json, "notBefore"),
          instant(json, "expiresAt"));
    } catch (java.io.IOException | IllegalArgumentException | NullPointerException e) {
      throw new CommandRefusedException(
          CommandRefusedException.MALFORMED, "the command cannot be read: " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(name + " is missing or not a string");
    }
    return value.asText();
  }

  private static Instant instant(JsonNode node, String name) {
    try {
      return Instant.parse(text(node, name));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " is not an ISO-8601 instant");
    }
  }

  @SuppressWarnings("unchecked")
  private static Object sortKeys(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new java.util.TreeMap<>();
      map.forEach((k, v) -> sorted.put((String) k, sortKeys(v)));
      return sorted;
    }
    return value;
  }

  @Override
  public String toString() {
    return "SignedCommand[" + payload.length + " bytes, key " + keyId + "]";
  }

  /** Kept for readers of the payload as text, e.g. in logs and tests. */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
