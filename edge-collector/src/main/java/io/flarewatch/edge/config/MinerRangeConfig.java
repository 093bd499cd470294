package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import io.flarewatch.wire.Schema;
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
    port = port == null ? MinerConfig.DEFAULT_PORT : port;
    idPrefix = idPrefix == null ? "miner-" : idPrefix;
    firstNumber = firstNumber == null ? 1 : firstNumber;
    ConfigCheck check = new ConfigCheck();
    if (check.that(firstHost != null, "firstHost", "is required")) {
      String host = firstHost;
      check.run("firstHost", () -> address(host));
    }
    check.that(
        count != null && count >= 1 && count <= 65_536, "count", count + " must be 1 to 65536");
    check.that(port >= 1 && port <= 65535, "port", port + " is not a port number");
    String firstId = id(idPrefix, firstNumber);
    check.run("idPrefix", () -> Schema.checkId("miner id", firstId));
    check.orThrow();
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
        throw new IllegalStateException("four bytes are always an IPv4 address", e);
      }
      miners.add(new MinerConfig(id(idPrefix, firstNumber + i), host, port));
    }
    return miners;
  }

  private static String id(String prefix, int number) {
    return prefix + String.format("%04d", number);
  }

  private static Inet4Address address(String host) {
    if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
    }
    try {
      return (Inet4Address) InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + host + "': " + e.getMessage(), e);
    }
  }
}
