package io.flarewatch.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile as its instructions: comments dropped, continued lines joined, the keyword upper
 * case. Enough of the format for checking what an image runs, not a builder.
 */
record Dockerfile(List<Instruction> instructions) {

  /** One instruction: {@code FROM eclipse-temurin:17-jre} is {@code ("FROM", "eclipse-...")}. */
  record Instruction(String keyword, String arguments) {}

  static Dockerfile parse(String text) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String whole = current.toString().strip();
      current.setLength(0);
      if (whole.isEmpty()) {
        continue;
      }
      int space = whole.indexOf(' ');
      if (space < 0) {
        throw new AssertionError("an instruction without arguments: " + whole);
      }
      instructions.add(
          new Instruction(
              whole.substring(0, space).toUpperCase(Locale.ROOT),
              whole.substring(space + 1).strip()));
    }
    if (current.length() > 0) {
      throw new AssertionError("the last line is continued with a backslash");
    }
    return new Dockerfile(List.copyOf(instructions));
  }

  List<String> all(String keyword) {
    return instructions.stream()
        .filter(instruction -> instruction.keyword().equals(keyword))
        .map(Instruction::arguments)
        .toList();
  }

  /** The arguments of the last {@code keyword} instruction (the one that counts). */
  Optional<String> last(String keyword) {
    List<String> all = all(keyword);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The default value of {@code ARG name=value}. */
  Optional<String> argDefault(String name) {
    return all("ARG").stream()
        .filter(arg -> arg.startsWith(name + "="))
        .map(arg -> arg.substring(name.length() + 1))
        .findFirst();
  }

  /** An instruction in exec form ({@code ["a", "b"]}), as its words. */
  static List<String> execForm(String arguments) {
    try {
      JsonNode array = new ObjectMapper().readTree(arguments);
      if (array == null || !array.isArray()) {
        throw new AssertionError("not in exec form (a JSON array): " + arguments);
      }
      List<String> words = new ArrayList<>();
      array.forEach(word -> words.add(word.asText()));
      return words;
    } catch (IOException e) {
      throw new AssertionError("not in exec form (a JSON array): " + arguments, e);
    }
  }
}
