package io.flarewatch.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Configuration values that cannot be used: every problem found, each naming its key. The message
 * is one line per problem, {@code key: problem}.
 */
public class ConfigException extends IllegalArgumentException {

  private final List<ConfigProblem> problems;
  private final boolean relative;

  /** One problem; {@code key} is its whole path, e.g. {@code polling.intervalMillis}. */
  public ConfigException(String key, String problem) {
    this(List.of(new ConfigProblem(key, problem)), false);
  }

  /** Several problems, each key a whole path. */
  public ConfigException(List<ConfigProblem> problems) {
    this(problems, false);
  }

  private ConfigException(List<ConfigProblem> problems, boolean relative) {
    super(
        problems.stream()
            .map(ConfigProblem::toString)
            .collect(Collectors.joining(System.lineSeparator())));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
    this.relative = relative;
  }

  /**
   * Problems of one section, keys relative to it ({@code batchMaxLines}, not {@code
   * uplink.batchMaxLines}); {@link YamlConfigReader} puts them where the section is in the file.
   */
  static ConfigException ofSection(List<ConfigProblem> problems) {
    return new ConfigException(problems, true);
  }

  /**
   * The key of the first problem, e.g. {@code polling.intervalMillis} or {@code modbus[0].role}.
   */
  public String key() {
    return problems.get(0).key();
  }

  /** Every problem, in the order found. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /** Whether the keys are relative to the section that threw (see {@link ConfigCheck}). */
  boolean relative() {
    return relative;
  }

  /** The problems with their keys below {@code location} when they are relative to it. */
  List<ConfigProblem> problemsAt(String location) {
    return relative
        ? problems.stream()
            .map(p -> new ConfigProblem(ConfigKey.join(location, p.key()), p.problem()))
            .toList()
        : problems;
  }
}
