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
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads YAML (and so JSON) into configuration records. Unknown keys are errors; every error is a
 * {@link ConfigException} naming the key path, including those thrown by the records' own
 * validation.
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

  public static <T> T parse(String yaml, Class<T> type) {
    if (yaml.isBlank()) {
      throw new ConfigException("config", "is empty");
    }
    try {
      T value = YAML.readValue(yaml, type);
      if (value == null) {
        throw new ConfigException("config", "is empty");
      }
      return value;
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof ConfigException configError) {
        throw configError;
      }
      throw new ConfigException(path(e), problem(e));
    } catch (IOException e) {
      throw new ConfigException("config", "is not valid YAML: " + e.getMessage());
    }
  }

  private static String path(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "config" : path;
  }

  private static String problem(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "is not a known key (known keys: "
          + unknown.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining(", "))
          + ")";
    }
    if (e instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
      return "'"
          + invalid.getValue()
          + "' is not one of "
          + Arrays.toString(invalid.getTargetType().getEnumConstants());
    }
    if (e instanceof InvalidFormatException invalid) {
      return "'"
          + invalid.getValue()
          + "' is not a valid "
          + invalid.getTargetType().getSimpleName();
    }
    if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return "has the wrong shape: expected " + describe(mismatched.getTargetType());
    }
    return e.getOriginalMessage();
  }

  private static String describe(Class<?> type) {
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
      return "a mapping of keys to values";
    }
    return "a single " + type.getSimpleName() + " value";
  }
}
