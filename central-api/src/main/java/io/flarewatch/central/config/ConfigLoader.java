package io.flarewatch.central.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads {@link CentralConfig} from YAML (JSON is YAML too), with errors that name the key. */
public final class ConfigLoader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigLoader() {}

  public static CentralConfig load(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigException(file.toString(), "cannot be read");
    }
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), e.getMessage());
    }
  }

  public static CentralConfig parse(String yaml) {
    try {
      return YAML.readValue(yaml, CentralConfig.class);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof ConfigException configError) {
        throw configError;
      }
      String path =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      throw new ConfigException(path.isEmpty() ? "config" : path, e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("config", "is not valid YAML: " + e.getMessage());
    }
  }
}
