package io.flarewatch.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of one configuration section before failing, as Micrometer's {@code
 * validate()} does. Keys are relative to the section ({@code batchMaxLines}); {@link
 * YamlConfigReader} puts them where the section is in the file ({@code uplink.batchMaxLines},
 * {@code minerRanges[2].firstHost}). A record checks itself in its constructor:
 *
 * <pre>{@code
 * ConfigCheck check = new ConfigCheck();
 * check.that(port > 0, "port", port + " is not a port number");
 * check.run("registerMap", () -> loadMap(registerMap));
 * check.orThrow();
 * }</pre>
 */
public final class ConfigCheck {

  private final List<ConfigProblem> problems = new ArrayList<>();

  /** Adds a problem of {@code key}. */
  public ConfigCheck problem(String key, String problem) {
    problems.add(new ConfigProblem(key, problem));
    return this;
  }

  /** Adds {@code problem} of {@code key} unless {@code ok}; returns {@code ok}. */
  public boolean that(boolean ok, String key, String problem) {
    if (!ok) {
      problem(key, problem);
    }
    return ok;
  }

  /**
   * Runs a check that throws: a {@link ConfigException} adds its problems below {@code key} (when
   * they are relative), any other {@link IllegalArgumentException} adds its message as the problem
   * of {@code key}. Returns whether it passed.
   */
  public boolean run(String key, Runnable check) {
    try {
      check.run();
      return true;
    } catch (ConfigException e) {
      problems.addAll(e.problemsAt(key));
      return false;
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return false;
    }
  }

  /** Whether no problem was found so far. */
  public boolean ok() {
    return problems.isEmpty();
  }

  /** Throws one {@link ConfigException} listing every problem found, if any. */
  public void orThrow() {
    if (!problems.isEmpty()) {
      throw ConfigException.ofSection(problems);
    }
  }
}
