package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Several replicas of central as one Vert.x cluster (Hazelcast): the event bus spans them, so a
 * command issued on one replica reaches the site's command stream on another, a live view hears of
 * samples any replica stored, and login failures count on every replica. Members find each other
 * through a static TCP/IP list; multicast is off.
 *
 * @param enabled false (the default): central runs alone, nothing is clustered
 * @param host the IP address this replica binds its cluster ports to and gives the others; absent:
 *     the one Hazelcast picks among the machine's interfaces (a pod's own address)
 * @param port Hazelcast's member port (default 5701)
 * @param eventBusPort the port the event bus takes messages from the other replicas on (default
 *     5702)
 * @param members where to look for the other replicas: {@code host} or {@code host:port} (port
 *     defaulting to {@code port}); a DNS name stands for every address it resolves to, so a
 *     Kubernetes headless Service's name lists every replica. Required when enabled
 */
public record ClusterConfig(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("host") String host,
    @JsonProperty("port") Integer port,
    @JsonProperty("eventBusPort") Integer eventBusPort,
    @JsonProperty("members") List<String> members) {

  public static final int DEFAULT_PORT = 5701;
  public static final int DEFAULT_EVENT_BUS_PORT = 5702;

  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?");
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

  public ClusterConfig {
    enabled = enabled != null && enabled;
    port = port == null ? DEFAULT_PORT : port;
    eventBusPort = eventBusPort == null ? DEFAULT_EVENT_BUS_PORT : eventBusPort;
    members = members == null ? List.of() : members;
    ConfigCheck check = new ConfigCheck();
    check.that(port >= 1 && port <= 65535, "port", port + " is not a port number (1 to 65535)");
    check.that(
        eventBusPort >= 1 && eventBusPort <= 65535,
        "eventBusPort",
        eventBusPort + " is not a port number (1 to 65535)");
    check.that(
        !port.equals(eventBusPort), "eventBusPort", eventBusPort + " is the Hazelcast port too");
    if (host != null) {
      check.that(
          isIpAddress(host),
          "host",
          "'" + host + "' is not an IP address (the address of this replica's interface)");
    }
    for (int i = 0; i < members.size(); i++) {
      String member = members.get(i);
      check.that(
          member != null && MEMBER.matcher(member).matches(),
          "members[" + i + "]",
          "'" + member + "' is not host or host:port");
    }
    check.that(
        !enabled || !members.isEmpty(),
        "members",
        "is required when enabled: the replicas' addresses, or a headless Service's name");
    members = List.copyOf(members);
    check.orThrow();
  }

  /** Not clustered. */
  public static ClusterConfig disabled() {
    return new ClusterConfig(false, null, null, null, null);
  }

  /** Each member as {@code host:port}, the port defaulting to this replica's. */
  public List<String> memberAddresses() {
    return members.stream().map(m -> m.contains(":") ? m : m + ":" + port).toList();
  }

  private static boolean isIpAddress(String host) {
    if (!IP_LITERAL.matcher(host).matches()) {
      return false;
    }
    try {
      // a literal: parsed, never looked up
      InetAddress.getByName(host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
