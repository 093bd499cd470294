package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Miners on consecutive IPv4 addresses, all on the same port: {@code count} miners from {@code
 * firstHost}, named {@code idPrefix} + a 4-digit number starting at {@code firstNumber}.
 */
public record MinerRangeConfig(
    @JsonProperty("firstHost") String firstHost,
    @JsonProperty("count") Integer count,
    @JsonProperty("port") Integer port,
    @JsonProperty("idPrefix") String idPrefix,
    @JsonProperty("firstNumber") Integer firstNumber) {

  public MinerRangeConfig {
    if (firstHost == null) {
      throw new ConfigException("minerRanges[].firstHost", "is required");
    }
    if (count == null || count < 1 || count > 65_536) {
      throw new ConfigException("minerRanges[].count", count + " must be 1 to 65536");
    }
    port = port == null ? MinerConfig.DEFAULT_PORT : port;
    idPrefix = idPrefix == null ? "miner-" : idPrefix;
    firstNumber = firstNumber == null ? 1 : firstNumber;
    address(firstHost);
  }

  List<MinerConfig> expand() {
    int first = ByteBuffer.wrap(address(firstHost).getAddress()).getInt();
    List<MinerConfig> miners = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] bytes = ByteBuffer.allocate(4).putInt(first + i).array();
      String host;
      try {
        host = InetAddress.getByAddress(bytes).getHostAddress();
      } catch (UnknownHostException e) {
        throw new ConfigException("minerRanges[].firstHost", e.getMessage());
      }
      miners.add(new MinerConfig(idPrefix + String.format("%04d", firstNumber + i), host, port));
    }
    return miners;
  }

  private static Inet4Address address(String host) {
    try {
      if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        throw new ConfigException(
            "minerRanges[].firstHost", "'" + host + "' is not an IPv4 address");
      }
      return (Inet4Address) InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigException("minerRanges[].firstHost", "'" + host + "': " + e.getMessage());
    }
  }
}
