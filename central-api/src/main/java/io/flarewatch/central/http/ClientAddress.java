package io.flarewatch.central.http;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a request comes from. It is the peer's, unless the peer is one of the configured
 * trusted proxies ({@code http.trustedProxies}): then {@code X-Forwarded-For} is read from the
 * right, each trusted proxy's entry skipped, and the first address that is not a trusted proxy is
 * the client's. From any other peer the header is ignored, so a client cannot choose its own
 * address. An entry that is not an IP address ends the walk at the last address read.
 */
public final class ClientAddress {

  private static final String FORWARDED_FOR = "X-Forwarded-For";

  private final List<IpSubnetFilterRule> trustedProxies;

  /** {@code trustedProxies}: addresses or CIDR ranges, e.g. {@code 10.0.0.0/8}, {@code ::1}. */
  public ClientAddress(List<String> trustedProxies) {
    List<IpSubnetFilterRule> rules = new ArrayList<>();
    for (String proxy : trustedProxies) {
      rules.add(rule(proxy));
    }
    this.trustedProxies = List.copyOf(rules);
  }

  /**
   * A trusted proxy: an IP address, or a range as {@code address/prefix}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static IpSubnetFilterRule rule(String proxy) {
    if (proxy == null || proxy.isBlank()) {
      throw new IllegalArgumentException("is empty");
    }
    String[] parts = proxy.strip().split("/", -1);
    InetAddress address = address(parts[0]);
    if (address == null || parts.length > 2) {
      throw new IllegalArgumentException(
          "'" + proxy + "' is not an IP address or a CIDR range such as 10.0.0.0/8");
    }
    int bits = address.getAddress().length * 8;
    int prefix = bits;
    if (parts.length == 2) {
      try {
        prefix = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("'" + proxy + "' has a prefix that is not 0 to " + bits);
      }
    }
    return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
  }

  /** The client's address as described above. */
  public String of(HttpServerRequest request) {
    SocketAddress peer = request.remoteAddress();
    String client = peer == null ? null : peer.hostAddress();
    if (client == null || !trusted(client)) {
      return client;
    }
    List<String> hops = new ArrayList<>();
    for (String header : request.headers().getAll(FORWARDED_FOR)) {
      for (String hop : header.split(",")) {
        hops.add(hop.strip());
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      if (address(hops.get(i)) == null) {
        break;
      }
      client = hops.get(i);
      if (!trusted(client)) {
        break;
      }
    }
    return client;
  }

  private boolean trusted(String address) {
    InetAddress parsed = address(address);
    if (parsed == null) {
      return false;
    }
    InetSocketAddress socket = new InetSocketAddress(parsed, 0);
    return trustedProxies.stream().anyMatch(rule -> rule.matches(socket));
  }

  /** The IP address written in {@code text}, never looked up by name; null if it is none. */
  private static InetAddress address(String text) {
    return NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text)
        ? NetUtil.createInetAddressFromIpAddressString(text)
        : null;
  }
}
