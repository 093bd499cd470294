package io.flarewatch.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads YAML (and so JSON) into configuration records. Unknown keys are errors; every error is a
 * {@link ConfigException} naming the key path ({@link ConfigKey}), including those thrown by the
 * records' own validation, and one reading reports every bad setting it finds.
 */
public final class YamlConfigReader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private YamlConfigReader() {}

  public static <T> T load(Path file, Class<T> type) {
    if (!Files.isReadable(file)) {
      throw new ConfigException(file.toString(), "cannot be read");
    }
    try {
      return parse(Files.readString(file), type);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), e.getMessage());
    }
  }

  /**
   * Reads {@code yaml} into a {@code type}. Reads on past a bad setting, so the {@link
   * ConfigException} lists every one found: unknown keys, values of the wrong type or shape, and
   * every problem the records' own checks report (see {@link ConfigCheck}).
   */
  public static <T> T parse(String yaml, Class<T> type) {
    if (yaml.isBlank()) {
      throw new ConfigException("config", "is empty");
    }
    ProblemCollector collector = new ProblemCollector();
    T value;
    try {
      value = YAML.readerFor(type).withHandler(collector).readValue(yaml);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof ConfigException configError) {
        configError.problemsAt("").forEach(collector::add);
      } else {
        collector.add(new ConfigProblem(ConfigKey.shown(ConfigKey.of(e.getPath())), problem(e)));
      }
      throw new ConfigException(collector.problems());
    } catch (IOException e) {
      throw new ConfigException("config", "is not valid YAML: " + e.getMessage());
    }
    if (!collector.problems().isEmpty()) {
      throw new ConfigException(collector.problems());
    }
    if (value == null) {
      throw new ConfigException("config", "is empty");
    }
    return value;
  }

  private static String problem(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return ProblemCollector.unknownKey(unknown.getKnownPropertyIds());
    }
    if (e instanceof InvalidFormatException invalid) {
      return ProblemCollector.badValue(invalid.getValue(), invalid.getTargetType());
    }
    if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return ProblemCollector.wrongShape(mismatched.getTargetType());
    }
    return e.getOriginalMessage();
  }
}
