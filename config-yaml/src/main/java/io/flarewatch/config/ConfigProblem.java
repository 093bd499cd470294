package io.flarewatch.config;

/**
 * One bad setting.
 *
 * @param key where it is, in {@link ConfigKey} notation
 * @param problem what is wrong with it
 */
public record ConfigProblem(String key, String problem) {

  @Override
  public String toString() {
    return key + ": " + problem;
  }
}
