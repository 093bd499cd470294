package io.flarewatch.emissions.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.emissions.InvalidEmissionsParametersException;
import io.flarewatch.emissions.SiteEmissionsParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A scenario given as a JSON file ({@code --scenario}): the keys of the emissions configuration
 * section plus {@code volumeScf}, and no other option but {@code --json}.
 */
final class ScenarioFile {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ScenarioFile() {}

  static Scenario read(Map<String, String> options) {
    String file = options.get("--scenario");
    for (String option : options.keySet()) {
      if (!option.equals("--scenario") && !option.equals("--json")) {
        throw new UsageException(
            "--scenario cannot be combined with "
                + option
                + " (put every parameter, and volumeScf, in the file)");
      }
    }
    String where = "--scenario " + file;
    JsonNode tree;
    try {
      tree = JSON.readTree(Path.of(file).toFile());
    } catch (JsonProcessingException e) {
      throw new UsageException(where + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      throw new UsageException(where + ": cannot be read: " + e);
    }
    if (tree == null || !tree.isObject()) {
      throw new UsageException(where + ": must hold a JSON object");
    }
    ObjectNode section = ((ObjectNode) tree).deepCopy();
    JsonNode volumeNode = section.remove("volumeScf");
    if (volumeNode == null || volumeNode.isNull()) {
      throw new UsageException(where + ": volumeScf: is required (a number)");
    }
    if (!volumeNode.isNumber()) {
      throw new UsageException(where + ": volumeScf: must be a number, got " + volumeNode);
    }
    try {
      SiteEmissionsParameters parameters = SiteEmissionsParameters.fromJson(section, "");
      return new Scenario(volumeNode.doubleValue(), parameters, where + ": volumeScf");
    } catch (InvalidEmissionsParametersException e) {
      throw new UsageException(where + ": " + e.getMessage());
    }
  }
}
