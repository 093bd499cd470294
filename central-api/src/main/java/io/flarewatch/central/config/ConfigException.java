package io.flarewatch.central.config;

/** A configuration value that cannot be used; the message names its key. */
public final class ConfigException extends IllegalArgumentException {

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
  }
}
