package io.flarewatch.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.config.ConfigException;
import io.flarewatch.config.YamlConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The simulator config as JSON: the user's keys are merged into the defaults for the configured
 * fleet size and seed, then read by {@link YamlConfigReader} (JSON is YAML), so unknown keys, wrong
 * shapes and every section's own checks fail with a {@link ConfigException} naming the key.
 */
final class SimulatorConfigJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Keys whose value replaces the default as a whole instead of being merged into it. */
  private static final Set<String> REPLACED_KEYS = Set.of("flavourMix");

  private SimulatorConfigJson() {}

  static SimulatorConfig load(Path file) {
    try {
      return fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
    }
  }

  static SimulatorConfig fromJson(String json) {
    JsonNode user;
    try {
      user = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException("config", "is not valid JSON: " + e.getOriginalMessage());
    }
    if (user == null || !user.isObject()) {
      throw new ConfigException("config", "must be a JSON object");
    }
    int count = 3;
    JsonNode countNode = user.path("miners").path("count");
    if (!countNode.isMissingNode()) {
      if (!countNode.canConvertToInt()) {
        throw new ConfigException("miners.count", "must be an integer, got " + countNode);
      }
      count = countNode.asInt();
    }
    JsonNode seedNode = user.path("seed");
    if (!seedNode.isMissingNode() && !seedNode.canConvertToLong()) {
      throw new ConfigException("seed", "must be an integer, got " + seedNode);
    }
    ObjectNode merged = MAPPER.valueToTree(SimulatorConfig.defaults(count, seedNode.asLong(1)));
    merge(merged, (ObjectNode) user);
    fillFaults(merged.path("faults").path("miners"), MinerFaultSettings.none());
    fillFaults(merged.path("faults").path("modbus"), ModbusFaultSettings.none());
    return YamlConfigReader.parse(merged.toString(), SimulatorConfig.class);
  }

  static String toJson(SimulatorConfig config) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise simulator config", e);
    }
  }

  /** Keys left out of a device's fault settings take those of "no fault". */
  private static void fillFaults(JsonNode byDevice, Object none) {
    if (byDevice instanceof ObjectNode devices) {
      Iterator<Map.Entry<String, JsonNode>> it = devices.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue() instanceof ObjectNode settings) {
          ObjectNode filled = MAPPER.valueToTree(none);
          merge(filled, settings);
          e.setValue(filled);
        }
      }
    }
  }

  private static void merge(ObjectNode target, ObjectNode source) {
    Iterator<Map.Entry<String, JsonNode>> it = source.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = target.get(e.getKey());
      if (!REPLACED_KEYS.contains(e.getKey())
          && existing instanceof ObjectNode existingObject
          && e.getValue() instanceof ObjectNode sourceObject) {
        merge(existingObject, sourceObject);
      } else {
        target.set(e.getKey(), e.getValue());
      }
    }
  }
}
