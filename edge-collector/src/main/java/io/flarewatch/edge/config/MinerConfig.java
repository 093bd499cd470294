package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import io.flarewatch.wire.Schema;

/** One miner's CGMiner-style API endpoint. Port defaults to 4028. */
public record MinerConfig(
    @JsonProperty("id") String id,
    @JsonProperty("host") String host,
    @JsonProperty("port") Integer port) {

  public static final int DEFAULT_PORT = 4028;

  public MinerConfig {
    port = port == null ? DEFAULT_PORT : port;
    ConfigCheck check = new ConfigCheck();
    check.run("id", () -> Schema.checkId("miner id", id));
    check.that(host != null && !host.isBlank(), "host", "is required");
    check.that(port >= 1 && port <= 65535, "port", port + " is not a port number");
    check.orThrow();
  }
}
