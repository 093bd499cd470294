package io.flarewatch.config;

/** A configuration value that cannot be used; the message names its key and what is wrong. */
public class ConfigException extends IllegalArgumentException {

  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  /** The key path, e.g. {@code polling.intervalMillis} or {@code modbus[0].role}. */
  public String key() {
    return key;
  }
}
