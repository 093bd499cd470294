package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Reads reply fields that firmware sends as numbers, strings or not at all. */
final class LenientValues {

  private LenientValues() {}

  /** A finite number from a number or numeric string; {@code null} otherwise. */
  static Double number(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    double value;
    if (node.isNumber()) {
      value = node.doubleValue();
    } else if (node.isTextual()) {
      try {
        value = Double.parseDouble(node.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    return Double.isFinite(value) ? value : null;
  }

  /** {@link #number} of a field of an object. */
  static Double number(JsonNode object, String field) {
    return object == null ? null : number(object.get(field));
  }

  /** A whole number (rounded), or {@code null}. */
  static Long wholeNumber(JsonNode object, String field) {
    Double value = number(object, field);
    return value == null ? null : Math.round(value);
  }

  /** Text of a string field, {@code null} when missing or not text. */
  static String text(JsonNode object, String field) {
    if (object == null) {
      return null;
    }
    JsonNode node = object.get(field);
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  /** True for {@code true}, {@code "true"}, {@code "Y"}, {@code "yes"} and non-zero numbers. */
  static boolean truthy(JsonNode node) {
    if (node == null || node.isNull()) {
      return false;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.doubleValue() != 0;
    }
    String text = node.asText().trim().toLowerCase(Locale.ROOT);
    return text.equals("true") || text.equals("y") || text.equals("yes") || text.equals("1");
  }
}
