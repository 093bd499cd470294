package io.flarewatch.drivers.modbus;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads keys of a parsed register map; every error names the entry and the key. */
final class MapFields {

  private MapFields() {}

  static void rejectUnknownKeys(JsonNode node, Set<String> allowed, String where) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!allowed.contains(key)) {
        throw new RegisterMapException(
            where + ": unknown key '" + key + "' (allowed: " + keys(allowed.stream()) + ")");
      }
    }
  }

  static String requiredText(JsonNode node, String key, String where) {
    return text(required(node, key, where), key, where);
  }

  private static JsonNode required(JsonNode node, String key, String where) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new RegisterMapException(where + ": missing required key '" + key + "'");
    }
    return value;
  }

  static String optionalText(JsonNode node, String key, String fallback, String where) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? fallback : text(value, key, where);
  }

  private static String text(JsonNode value, String key, String where) {
    if (!value.isTextual()) {
      throw new RegisterMapException(where + ": '" + key + "' must be a string, got " + value);
    }
    if (!key.equals("unit") && value.asText().isBlank()) {
      throw new RegisterMapException(where + ": '" + key + "' must not be blank");
    }
    return value.asText();
  }

  static int requiredInt(JsonNode node, String key, String where) {
    return integer(required(node, key, where), key, where);
  }

  static int optionalInt(JsonNode node, String key, int fallback, String where) {
    JsonNode value = node.get(key);
    return value == null ? fallback : integer(value, key, where);
  }

  static int integer(JsonNode value, String key, String where) {
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new RegisterMapException(where + ": '" + key + "' must be an integer, got " + value);
    }
    return value.intValue();
  }

  /** A number as the decimal written in the file (0.1 stays exactly 0.1). */
  static BigDecimal optionalDecimal(JsonNode node, String key, BigDecimal fallback, String where) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isNumber()
        || (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue()))) {
      throw new RegisterMapException(where + ": '" + key + "' must be a number, got " + value);
    }
    return value.decimalValue();
  }

  /** The parsed spelling, or an error listing the spellings {@code key} allows. */
  static <T> T oneOf(
      Optional<T> parsed, String key, String value, Stream<String> allowed, String where) {
    return parsed.orElseThrow(
        () ->
            new RegisterMapException(
                where + ": unknown " + key + " '" + value + "' (expected " + keys(allowed) + ")"));
  }

  static String keys(Stream<String> keys) {
    return keys.sorted().collect(Collectors.joining(", "));
  }
}
