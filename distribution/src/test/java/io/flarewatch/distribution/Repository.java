package io.flarewatch.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flarewatch.config.YamlConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The repository's files as the tests read them: paths from its root, YAML as trees. */
final class Repository {

  /** The repository's root: the tests run in the distribution module's folder. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static final ObjectMapper YAML = new YAMLMapper();

  private Repository() {}

  static Path file(String relative) {
    Path path = ROOT.resolve(relative);
    if (!Files.isRegularFile(path)) {
      throw new AssertionError(relative + " is not a file of the repository");
    }
    return path;
  }

  static String read(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One YAML document. */
  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not valid YAML: " + e.getMessage(), e);
    }
  }

  /** Every document of a multi-document YAML file (Kubernetes manifests). */
  static List<JsonNode> yamlDocuments(String relative) {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(read(relative))) {
      var iterator = YAML.readValues(parser, JsonNode.class);
      while (iterator.hasNext()) {
        JsonNode document = iterator.next();
        if (document != null && !document.isNull() && !document.isEmpty()) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new AssertionError(relative + " is not valid YAML: " + e.getMessage(), e);
    }
    return documents;
  }

  /**
   * Loads a config through the service's own reader and validation, after {@code change} edited its
   * tree (e.g. a free port, or a file that exists only where the config is deployed).
   */
  static <C> C loadConfig(String yaml, Class<C> type, Consumer<ObjectNode> change) {
    ObjectNode tree = (ObjectNode) yaml(yaml);
    change.accept(tree);
    try {
      return YamlConfigReader.parse(YAML.writeValueAsString(tree), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The project's version, as the build passes it. */
  static String version() {
    String version = System.getProperty("flarewatch.version");
    if (version == null) {
      throw new AssertionError("the build passes flarewatch.version to the tests");
    }
    return version;
  }
}
