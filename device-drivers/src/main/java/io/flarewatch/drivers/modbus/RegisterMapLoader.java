package io.flarewatch.drivers.modbus;

import static io.flarewatch.drivers.modbus.MapFields.optionalInt;
import static io.flarewatch.drivers.modbus.MapFields.rejectUnknownKeys;
import static io.flarewatch.drivers.modbus.MapFields.requiredInt;
import static io.flarewatch.drivers.modbus.MapFields.requiredText;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads register maps from JSON or YAML and validates them. Every error message names the entry
 * ({@code registers[index] (name)}) and the key that is wrong. Numbers are kept as the decimals
 * written in the file, so a scale of 0.1 is exactly one tenth.
 */
public final class RegisterMapLoader {

  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of(
          "device",
          "description",
          "maxRegistersPerRequest",
          "maxBitsPerRequest",
          "maxGap",
          "registers");

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private RegisterMapLoader() {}

  /** Loads a map from a file; {@code .yaml}/{@code .yml} are read as YAML, anything else JSON. */
  public static RegisterMap load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RegisterMapException("cannot read register map " + file + ": " + e.getMessage(), e);
    }
    return isYaml(file.getFileName().toString()) ? fromYaml(text) : fromJson(text);
  }

  /** Loads a map shipped on the classpath, e.g. {@code register-maps/dse-gencomm.yaml}. */
  public static RegisterMap fromResource(String resource) {
    try (InputStream in = RegisterMapLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new RegisterMapException("register map resource not found: " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return isYaml(resource) ? fromYaml(text) : fromJson(text);
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

  private static boolean isYaml(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
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
    int maxRegisters = requiredInt(root, "maxRegistersPerRequest", where);
    if (maxRegisters < 2 || maxRegisters > RegisterMap.PROTOCOL_MAX_REGISTERS) {
      throw new RegisterMapException(
          where + ": maxRegistersPerRequest must be between 2 and 125, got " + maxRegisters);
    }
    int maxBits = optionalInt(root, "maxBitsPerRequest", RegisterFunction.PROTOCOL_MAX_BITS, where);
    if (maxBits < 1 || maxBits > RegisterFunction.PROTOCOL_MAX_BITS) {
      throw new RegisterMapException(
          where + ": maxBitsPerRequest must be between 1 and 2000, got " + maxBits);
    }
    int maxGap = optionalInt(root, "maxGap", 0, where);
    if (maxGap < 0) {
      throw new RegisterMapException(where + ": maxGap must not be negative, got " + maxGap);
    }
    JsonNode registersNode = root.get("registers");
    if (registersNode == null || !registersNode.isArray() || registersNode.isEmpty()) {
      throw new RegisterMapException(where + ": registers must be a non-empty list");
    }
    List<RegisterDefinition> registers = new ArrayList<>();
    Map<String, String> fieldOwners = new HashMap<>();
    for (int i = 0; i < registersNode.size(); i++) {
      String entry = where + ": registers[" + i + "]";
      RegisterDefinition register = RegisterEntryReader.read(registersNode.get(i), entry);
      entry = entry + " (" + register.name() + ")";
      claim(fieldOwners, register.name(), "registers[" + i + "]", entry);
      for (BitField bit : register.bits()) {
        claim(
            fieldOwners,
            bit.name(),
            "registers[" + i + "] bit field '" + bit.name() + "'",
            entry + ": bit field '" + bit.name() + "'");
      }
      int cap = register.function().isBitTable() ? maxBits : maxRegisters;
      if (register.size() > cap) {
        throw new RegisterMapException(
            entry
                + ": a "
                + register.type().key()
                + " of "
                + register.size()
                + " registers does not fit in one read of maxRegistersPerRequest "
                + cap);
      }
      checkOverlap(where, registers, register, i);
      registers.add(register);
    }
    return new RegisterMap(device, description, maxRegisters, maxBits, maxGap, registers);
  }

  /** Field names (registers and bit fields) are unique across the map. */
  private static void claim(Map<String, String> owners, String name, String owner, String entry) {
    String previous = owners.putIfAbsent(name, owner);
    if (previous != null) {
      throw new RegisterMapException(entry + ": duplicate name, already used by " + previous);
    }
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
}
