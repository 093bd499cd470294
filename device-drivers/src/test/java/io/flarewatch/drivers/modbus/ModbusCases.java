package io.flarewatch.drivers.modbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.drivers.CaseFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The decoding cases in {@code src/test/resources/modbus-cases/<case>/}: {@code map.yaml} (or
 * {@code map.json}), {@code registers.txt} (or {@code registers.json}) and {@code expected.json};
 * see the README there.
 */
final class ModbusCases {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VALUES = Pattern.compile("(\\w+)\\s+(\\d+)\\s*:(.*)");
  private static final Pattern EXCEPTION =
      Pattern.compile("exception\\s+(\\w+)\\s+(\\d+)\\.\\.(\\d+)\\s+(\\d+)");
  private static final Pattern CLOSE_AFTER = Pattern.compile("close-after\\s+(\\d+)");

  private ModbusCases() {}

  static Path root() {
    return CaseFolders.root("modbus-cases");
  }

  static Stream<String> names() throws IOException {
    return CaseFolders.names("modbus-cases").stream();
  }

  static RegisterMap map(String name) {
    Path dir = root().resolve(name);
    Path yaml = dir.resolve("map.yaml");
    return RegisterMapLoader.load(Files.exists(yaml) ? yaml : dir.resolve("map.json"));
  }

  static JsonNode expected(String name) {
    try {
      return JSON.readTree(root().resolve(name).resolve("expected.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads what the case's device serves into {@code device}. */
  static void script(String name, ScriptedModbusDevice device) {
    Path dir = root().resolve(name);
    try {
      Path text = dir.resolve("registers.txt");
      if (Files.exists(text)) {
        scriptText(Files.readAllLines(text), device);
      } else {
        scriptJson(JSON.readTree(dir.resolve("registers.json").toFile()), device);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void scriptText(List<String> lines, ScriptedModbusDevice device) {
    for (String raw : lines) {
      String line = raw.replaceAll("#.*", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      Matcher values = VALUES.matcher(line);
      Matcher exception = EXCEPTION.matcher(line);
      Matcher closeAfter = CLOSE_AFTER.matcher(line);
      if (exception.matches()) {
        device.exception(
            table(exception.group(1)),
            Integer.parseInt(exception.group(2)),
            Integer.parseInt(exception.group(3)),
            Integer.parseInt(exception.group(4)));
      } else if (closeAfter.matches()) {
        device.closeAfter(Integer.parseInt(closeAfter.group(1)));
      } else if (values.matches()) {
        List<Integer> words = new ArrayList<>();
        for (String word : values.group(3).trim().split("\\s+")) {
          words.add(Integer.decode(word));
        }
        device.set(
            table(values.group(1)),
            Integer.parseInt(values.group(2)),
            words.stream().mapToInt(Integer::intValue).toArray());
      } else {
        throw new IllegalArgumentException("cannot read registers line: " + raw);
      }
    }
  }

  private static void scriptJson(JsonNode root, ScriptedModbusDevice device) {
    for (RegisterFunction table : RegisterFunction.values()) {
      Iterator<Map.Entry<String, JsonNode>> blocks = root.path(table.key()).fields();
      while (blocks.hasNext()) {
        Map.Entry<String, JsonNode> block = blocks.next();
        int[] words = new int[block.getValue().size()];
        for (int i = 0; i < words.length; i++) {
          words[i] = block.getValue().get(i).asInt();
        }
        device.set(table, Integer.parseInt(block.getKey()), words);
      }
    }
    for (JsonNode e : root.path("exceptions")) {
      device.exception(
          table(e.get("table").asText()),
          e.get("from").asInt(),
          e.get("to").asInt(),
          e.get("code").asInt());
    }
    if (root.has("closeAfter")) {
      device.closeAfter(root.get("closeAfter").asInt());
    }
  }

  private static RegisterFunction table(String key) {
    return RegisterFunction.fromKey(key)
        .orElseThrow(() -> new IllegalArgumentException("unknown table " + key));
  }
}
