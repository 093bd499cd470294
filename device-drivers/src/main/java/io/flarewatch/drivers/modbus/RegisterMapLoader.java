package io.flarewatch.drivers.modbus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads register maps from JSON or YAML and validates them. Every error message names the entry
 * ({@code registers[index] (name)}) and the key that is wrong.
 */
public final class RegisterMapLoader {

  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of("device", "description", "maxRegistersPerRequest", "registers");
  private static final Set<String> REGISTER_KEYS =
      Set.of("name", "address", "function", "type", "wordOrder", "scale", "offset", "unit");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  private RegisterMapLoader() {}

  /** Loads a map from a file; {@code .yaml}/{@code .yml} are read as YAML, anything else JSON. */
  public static RegisterMap load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RegisterMapException("cannot read register map " + file + ": " + e.getMessage(), e);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") ? fromYaml(text) : fromJson(text);
  }

  /**
   * Loads a map shipped on the classpath, e.g. {@code register-maps/flarewatch-sim-generator.json}.
   */
  public static RegisterMap fromResource(String resource) {
    try (InputStream in = RegisterMapLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new RegisterMapException("register map resource not found: " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String lower = resource.toLowerCase(Locale.ROOT);
      return lower.endsWith(".yaml") || lower.endsWith(".yml") ? fromYaml(text) : fromJson(text);
    } catch (IOException e) {
      throw new RegisterMapException("cannot read register map resource " + resource, e);
    }
  }

  /** Parses and validates a JSON register map. */
  public static RegisterMap fromJson(String json) {
    return fromTree(parse(JSON, json, "JSON"));
  }

  /** Parses and validates a YAML register map. */
  public static RegisterMap fromYaml(String yaml) {
    return fromTree(parse(YAML, yaml, "YAML"));
  }

  private static JsonNode parse(ObjectMapper mapper, String text, String format) {
    try {
      JsonNode root = mapper.readTree(text);
      if (root == null || !root.isObject()) {
        throw new RegisterMapException("register map must be a " + format + " object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new RegisterMapException(
          "register map is not valid " + format + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Validates an already parsed tree. */
  public static RegisterMap fromTree(JsonNode root) {
    rejectUnknownKeys(root, TOP_LEVEL_KEYS, "register map");
    String device = requiredText(root, "device", "register map");
    String where = "register map '" + device + "'";
    String description = root.hasNonNull("description") ? root.get("description").asText() : "";
    int maxPerRequest = requiredInt(root, "maxRegistersPerRequest", where);
    if (maxPerRequest < 2 || maxPerRequest > RegisterMap.PROTOCOL_MAX_REGISTERS) {
      throw new RegisterMapException(
          where + ": maxRegistersPerRequest must be between 2 and 125, got " + maxPerRequest);
    }
    JsonNode registersNode = root.get("registers");
    if (registersNode == null || !registersNode.isArray() || registersNode.isEmpty()) {
      throw new RegisterMapException(where + ": registers must be a non-empty list");
    }
    List<RegisterDefinition> registers = new ArrayList<>();
    Map<String, Integer> indexByName = new HashMap<>();
    for (int i = 0; i < registersNode.size(); i++) {
      RegisterDefinition register =
          register(registersNode.get(i), where + ": registers[" + i + "]");
      Integer previous = indexByName.putIfAbsent(register.name(), i);
      if (previous != null) {
        throw new RegisterMapException(
            where
                + ": registers["
                + i
                + "] ("
                + register.name()
                + "): duplicate name, already used by registers["
                + previous
                + "]");
      }
      checkOverlap(where, registers, register, i);
      registers.add(register);
    }
    return new RegisterMap(device, description, maxPerRequest, registers);
  }

  private static void checkOverlap(
      String where, List<RegisterDefinition> earlier, RegisterDefinition candidate, int index) {
    for (int j = 0; j < earlier.size(); j++) {
      RegisterDefinition other = earlier.get(j);
      boolean sameTable = other.function() == candidate.function();
      boolean overlaps =
          candidate.address() <= other.lastAddress() && other.address() <= candidate.lastAddress();
      if (sameTable && overlaps) {
        throw new RegisterMapException(
            String.format(
                "%s: registers[%d] (%s): address %d..%d overlaps registers[%d] (%s) at %d..%d in"
                    + " the %s table",
                where,
                index,
                candidate.name(),
                candidate.address(),
                candidate.lastAddress(),
                j,
                other.name(),
                other.address(),
                other.lastAddress(),
                candidate.function().key()));
      }
    }
  }

  private static RegisterDefinition register(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new RegisterMapException(where + ": must be an object");
    }
    String name = requiredText(node, "name", where);
    String entry = where + " (" + name + ")";
    rejectUnknownKeys(node, REGISTER_KEYS, entry);
    int address = requiredInt(node, "address", entry);
    String functionKey = requiredText(node, "function", entry);
    RegisterFunction function =
        RegisterFunction.fromKey(functionKey)
            .orElseThrow(
                () ->
                    new RegisterMapException(
                        entry
                            + ": unknown function '"
                            + functionKey
                            + "' (expected "
                            + keys(Stream.of(RegisterFunction.values()).map(RegisterFunction::key))
                            + ")"));
    String typeKey = requiredText(node, "type", entry);
    RegisterType type =
        RegisterType.fromKey(typeKey)
            .orElseThrow(
                () ->
                    new RegisterMapException(
                        entry
                            + ": unknown type '"
                            + typeKey
                            + "' (expected "
                            + keys(Stream.of(RegisterType.values()).map(RegisterType::key))
                            + ")"));
    WordOrder wordOrder = null;
    if (type.words() == 2) {
      if (!node.hasNonNull("wordOrder")) {
        throw new RegisterMapException(
            entry + ": wordOrder is required for " + type.key() + " (big or little)");
      }
      String orderKey = requiredText(node, "wordOrder", entry);
      wordOrder =
          WordOrder.fromKey(orderKey)
              .orElseThrow(
                  () ->
                      new RegisterMapException(
                          entry + ": unknown wordOrder '" + orderKey + "' (expected big, little)"));
    } else if (node.has("wordOrder")) {
      throw new RegisterMapException(
          entry + ": wordOrder is not allowed for 16-bit type " + type.key());
    }
    if (address < 0 || address + type.words() - 1 > 65535) {
      throw new RegisterMapException(
          entry
              + ": address "
              + address
              + " is out of range (a "
              + type.key()
              + " must fit in 0..65535)");
    }
    double scale = optionalNumber(node, "scale", 1.0, entry);
    if (scale == 0) {
      throw new RegisterMapException(entry + ": scale must not be zero");
    }
    double offset = optionalNumber(node, "offset", 0.0, entry);
    String unit = requiredText(node, "unit", entry);
    return new RegisterDefinition(name, address, function, type, wordOrder, scale, offset, unit);
  }

  private static void rejectUnknownKeys(JsonNode node, Set<String> allowed, String where) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!allowed.contains(key)) {
        throw new RegisterMapException(
            where + ": unknown key '" + key + "' (allowed: " + keys(allowed.stream()) + ")");
      }
    }
  }

  private static String requiredText(JsonNode node, String key, String where) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new RegisterMapException(where + ": missing required key '" + key + "'");
    }
    if (!value.isTextual()) {
      throw new RegisterMapException(where + ": '" + key + "' must be a string, got " + value);
    }
    if (!key.equals("unit") && value.asText().isBlank()) {
      throw new RegisterMapException(where + ": '" + key + "' must not be blank");
    }
    return value.asText();
  }

  private static int requiredInt(JsonNode node, String key, String where) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new RegisterMapException(where + ": missing required key '" + key + "'");
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new RegisterMapException(where + ": '" + key + "' must be an integer, got " + value);
    }
    return value.intValue();
  }

  private static double optionalNumber(JsonNode node, String key, double fallback, String where) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw new RegisterMapException(where + ": '" + key + "' must be a number, got " + value);
    }
    return value.doubleValue();
  }

  private static String keys(Stream<String> keys) {
    return keys.sorted().collect(Collectors.joining(", "));
  }
}
