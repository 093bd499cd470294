package io.flarewatch.drivers.modbus;

import static io.flarewatch.drivers.modbus.MapFields.integer;
import static io.flarewatch.drivers.modbus.MapFields.optionalDecimal;
import static io.flarewatch.drivers.modbus.MapFields.optionalInt;
import static io.flarewatch.drivers.modbus.MapFields.optionalText;
import static io.flarewatch.drivers.modbus.MapFields.rejectUnknownKeys;
import static io.flarewatch.drivers.modbus.MapFields.requiredInt;
import static io.flarewatch.drivers.modbus.MapFields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads one entry of a register map's {@code registers} list. */
final class RegisterEntryReader {

  private static final Set<String> KEYS =
      Set.of(
          "name",
          "address",
          "function",
          "type",
          "byteOrder",
          "wordOrder",
          "scale",
          "offset",
          "unit",
          "length",
          "bits",
          "invalid");
  private static final Set<String> BIT_KEYS = Set.of("name", "bit", "width");

  private RegisterEntryReader() {}

  /**
   * Reads and checks one entry.
   *
   * @param where e.g. {@code register map 'genset': registers[3]}
   */
  static RegisterDefinition read(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new RegisterMapException(where + ": must be an object");
    }
    String name = requiredText(node, "name", where);
    String entry = where + " (" + name + ")";
    rejectUnknownKeys(node, KEYS, entry);
    int address = requiredInt(node, "address", entry);
    RegisterFunction function = function(requiredText(node, "function", entry), entry);
    RegisterType type = type(requiredText(node, "type", entry), entry);
    if ((type == RegisterType.BOOL) != function.isBitTable()) {
      throw new RegisterMapException(
          entry
              + ": type "
              + type.key()
              + (function.isBitTable()
                  ? " cannot be read from the " + function.key() + " table (use bool)"
                  : " needs a coil or discrete table (function coil or discrete)"));
    }
    int length = length(node, type, entry);
    if (address < 0 || address + length - 1 > 65535) {
      throw new RegisterMapException(
          entry
              + ": address "
              + address
              + " is out of range (a "
              + type.key()
              + " must fit in 0..65535)");
    }
    ByteOrder order = byteOrder(node, type, entry);
    BigDecimal scale = optionalDecimal(node, "scale", BigDecimal.ONE, entry);
    if (scale.signum() == 0) {
      throw new RegisterMapException(entry + ": scale must not be zero");
    }
    BigDecimal offset = optionalDecimal(node, "offset", BigDecimal.ZERO, entry);
    boolean plain = scale.compareTo(BigDecimal.ONE) == 0 && offset.signum() == 0;
    if (!type.isNumber() && !plain) {
      throw new RegisterMapException(
          entry + ": scale and offset are not allowed for " + type.key());
    }
    String unit =
        type.isNumber() ? requiredText(node, "unit", entry) : optionalText(node, "unit", "", entry);
    List<BitField> bits = bits(node, type, plain, entry);
    Set<BigInteger> invalid = invalid(node, type, entry);
    return new RegisterDefinition(
        name, address, function, type, order, scale, offset, unit, length, bits, invalid);
  }

  private static RegisterFunction function(String key, String entry) {
    return MapFields.oneOf(
        RegisterFunction.fromKey(key),
        "function",
        key,
        Stream.of(RegisterFunction.values()).map(RegisterFunction::key),
        entry);
  }

  private static RegisterType type(String key, String entry) {
    return MapFields.oneOf(
        RegisterType.fromKey(key),
        "type",
        key,
        Stream.of(RegisterType.values()).map(RegisterType::key),
        entry);
  }

  private static int length(JsonNode node, RegisterType type, String entry) {
    if (type != RegisterType.STRING) {
      if (node.has("length")) {
        throw new RegisterMapException(entry + ": length applies to strings only");
      }
      return type == RegisterType.BOOL ? 1 : type.words();
    }
    int length = requiredInt(node, "length", entry);
    if (length < 1 || length > RegisterMap.PROTOCOL_MAX_REGISTERS) {
      throw new RegisterMapException(entry + ": length must be 1..125 registers, got " + length);
    }
    return length;
  }

  private static ByteOrder byteOrder(JsonNode node, RegisterType type, String entry) {
    boolean hasByteOrder = node.hasNonNull("byteOrder");
    boolean hasWordOrder = node.has("wordOrder");
    if (type == RegisterType.BOOL) {
      if (hasByteOrder || hasWordOrder) {
        throw new RegisterMapException(entry + ": byteOrder is not allowed for bool");
      }
      return null;
    }
    int words = type == RegisterType.STRING ? 1 : type.words();
    if (hasByteOrder && hasWordOrder) {
      throw new RegisterMapException(entry + ": give byteOrder or wordOrder, not both");
    }
    if (hasWordOrder) {
      if (words == 1) {
        throw new RegisterMapException(
            entry + ": wordOrder is not allowed for 16-bit type " + type.key());
      }
      String key = requiredText(node, "wordOrder", entry);
      return ByteOrder.fromWordOrder(key)
          .orElseThrow(
              () ->
                  new RegisterMapException(
                      entry + ": unknown wordOrder '" + key + "' (expected big, little)"));
    }
    if (!hasByteOrder) {
      if (words > 1) {
        throw new RegisterMapException(
            entry
                + ": byteOrder is required for "
                + type.key()
                + " ("
                + ByteOrder.keys(words)
                + "; or wordOrder: big or little)");
      }
      return ByteOrder.ABCD;
    }
    String key = requiredText(node, "byteOrder", entry);
    return ByteOrder.fromKey(key, words)
        .orElseThrow(
            () ->
                new RegisterMapException(
                    entry
                        + ": byteOrder '"
                        + key
                        + "' does not fit "
                        + type.key()
                        + " (expected "
                        + ByteOrder.keys(words)
                        + ")"));
  }

  private static List<BitField> bits(
      JsonNode node, RegisterType type, boolean plain, String entry) {
    JsonNode list = node.get("bits");
    if (list == null) {
      return List.of();
    }
    if (!type.isUnsigned() || !plain) {
      throw new RegisterMapException(
          entry
              + ": bits need an unsigned integer type (uint16, uint32, uint64) without scale or"
              + " offset");
    }
    if (!list.isArray() || list.isEmpty()) {
      throw new RegisterMapException(entry + ": bits must be a non-empty list");
    }
    List<BitField> fields = new ArrayList<>();
    int size = 16 * type.words();
    for (int i = 0; i < list.size(); i++) {
      JsonNode field = list.get(i);
      String at = entry + ": bits[" + i + "]";
      if (!field.isObject()) {
        throw new RegisterMapException(at + ": must be an object with name and bit");
      }
      String name = requiredText(field, "name", at);
      at = at + " (" + name + ")";
      rejectUnknownKeys(field, BIT_KEYS, at);
      int bit = requiredInt(field, "bit", at);
      int width = optionalInt(field, "width", 1, at);
      if (bit < 0 || width < 1 || bit + width > size) {
        throw new RegisterMapException(
            at
                + ": bits "
                + bit
                + ".."
                + (bit + width - 1)
                + " do not fit a "
                + type.key()
                + " (0.."
                + (size - 1)
                + ")");
      }
      for (int j = 0; j < fields.size(); j++) {
        BitField other = fields.get(j);
        if (bit < other.bit() + other.width() && other.bit() < bit + width) {
          throw new RegisterMapException(
              at
                  + ": bits "
                  + bit
                  + ".."
                  + (bit + width - 1)
                  + " overlap bits["
                  + j
                  + "] ("
                  + other.name()
                  + ")");
        }
      }
      fields.add(new BitField(name, bit, width));
    }
    return fields;
  }

  private static Set<BigInteger> invalid(JsonNode node, RegisterType type, String entry) {
    JsonNode list = node.get("invalid");
    if (list == null) {
      return Set.of();
    }
    if (!type.isInteger()) {
      throw new RegisterMapException(entry + ": invalid applies to integer types only");
    }
    if (!list.isArray() || list.isEmpty()) {
      throw new RegisterMapException(entry + ": invalid must be a non-empty list of raw values");
    }
    Set<BigInteger> values = new LinkedHashSet<>();
    for (JsonNode value : list) {
      if (!value.isIntegralNumber()) {
        integer(value, "invalid", entry);
      }
      values.add(value.bigIntegerValue());
    }
    return values;
  }
}
