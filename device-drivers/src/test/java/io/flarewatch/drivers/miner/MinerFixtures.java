package io.flarewatch.drivers.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.drivers.CaseFolders;
import io.flarewatch.drivers.DeviceFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The recorded replies in {@code src/test/resources/miner-replies/<case>/}: {@code version.raw}
 * (reply to the detection command), one {@code <request>.raw} per poll request of the firmware, and
 * {@code expected.json} (the expected sample, or {@code {"error": class, "code": stored code,
 * "detail": stored detail, "messageContains": [...]}}).
 */
final class MinerFixtures {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private MinerFixtures() {}

  static Path root() {
    return CaseFolders.root("miner-replies");
  }

  static Stream<String> cases() throws IOException {
    return CaseFolders.names("miner-replies").stream();
  }

  /** Raw bytes of the reply to {@code request}, or null when the case has none. */
  static byte[] reply(String fixture, String request) {
    Path file = root().resolve(fixture).resolve(request + ".raw");
    try {
      return Files.exists(file) ? Files.readAllBytes(file) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode expected(String fixture) {
    try {
      return MAPPER.readTree(root().resolve(fixture).resolve("expected.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks a poll outcome against {@code expected.json}. */
  static void assertOutcome(String fixture, MinerSample sample, Throwable failure) {
    JsonNode expected = expected(fixture);
    if (expected.has("error")) {
      if (failure == null) {
        fail(fixture + ": expected " + expected.get("error").asText() + " but got " + sample);
      }
      assertEquals(expected.get("error").asText(), failure.getClass().getSimpleName(), fixture);
      if (expected.has("code")) {
        assertEquals(expected.get("code").asText(), ((DeviceFailure) failure).code(), fixture);
      }
      if (expected.has("detail")) {
        assertEquals(expected.get("detail").asText(), ((DeviceFailure) failure).detail(), fixture);
      }
      for (JsonNode part : expected.get("messageContains")) {
        assertTrue(
            failure.getMessage().contains(part.asText()),
            fixture + ": message '" + failure.getMessage() + "' lacks '" + part.asText() + "'");
      }
      return;
    }
    if (failure != null) {
      throw new AssertionError(fixture + ": unexpected failure " + failure, failure);
    }
    assertJsonEquals(fixture, expected, MAPPER.valueToTree(sample));
  }

  /** Field-by-field comparison; numbers compared with a relative tolerance of 1e-9. */
  static void assertJsonEquals(String path, JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      double e = expected.doubleValue();
      double a = actual.doubleValue();
      assertTrue(
          Math.abs(e - a) <= 1e-9 * Math.max(1, Math.abs(e)),
          path + ": expected " + e + " but was " + a);
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      assertEquals(fieldNames(expected), fieldNames(actual), path + ": field names differ");
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        assertJsonEquals(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
      }
      return;
    }
    if (expected.isArray() && actual.isArray()) {
      assertEquals(expected.size(), actual.size(), path + ": array size");
      for (int i = 0; i < expected.size(); i++) {
        assertJsonEquals(path + "[" + i + "]", expected.get(i), actual.get(i));
      }
      return;
    }
    assertEquals(expected, actual, path);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    names.sort(String::compareTo);
    return names;
  }
}
