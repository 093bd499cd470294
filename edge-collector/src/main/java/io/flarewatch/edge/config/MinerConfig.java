package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import io.flarewatch.wire.Schema;

/** One miner's CGMiner-style API endpoint. Port defaults to 4028. */
public record MinerConfig(
    @JsonProperty("id") String id,
    @JsonProperty("host") String host,
    @JsonProperty("port") Integer port) {

  public static final int DEFAULT_PORT = 4028;

  public MinerConfig {
    try {
      Schema.checkId("miner id", id);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("miners[].id", e.getMessage());
    }
    if (host == null || host.isBlank()) {
      throw new ConfigException("miners[" + id + "].host", "is required");
    }
    port = port == null ? DEFAULT_PORT : port;
    if (port < 1 || port > 65535) {
      throw new ConfigException("miners[" + id + "].port", port + " is not a port number");
    }
  }
}
