package io.flarewatch.emissions.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads {@code --composition CH4=0.75,C2H6=0.12,...} into the config's gasComposition. */
final class Composition {

  private Composition() {}

  static ObjectNode parse(String text) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    for (String pair : text.split(",", -1)) {
      String[] parts = pair.split("=", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new UsageException(
            "--composition: "
                + CliOptions.quote(pair)
                + " is not COMPONENT=FRACTION (e.g. CH4=0.75)");
      }
      String key = parts[0].trim();
      if (node.has(key)) {
        throw new UsageException("--composition: " + key + " is given more than once");
      }
      node.put(key, CliOptions.number("--composition " + key, parts[1].trim()));
    }
    return node;
  }
}
