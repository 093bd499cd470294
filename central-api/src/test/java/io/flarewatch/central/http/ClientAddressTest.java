package io.flarewatch.central.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

  private static final ClientAddress BEHIND_PROXIES =
      new ClientAddress(List.of("10.0.0.0/8", "192.0.2.7", "fd00::/8"));

  /** A request from {@code peer} with these X-Forwarded-For headers (each may hold a list). */
  private static HttpServerRequest request(String peer, String... forwardedFor) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (String header : forwardedFor) {
      headers.add("X-Forwarded-For", header);
    }
    return (HttpServerRequest)
        Proxy.newProxyInstance(
            ClientAddressTest.class.getClassLoader(),
            new Class<?>[] {HttpServerRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "remoteAddress" -> SocketAddress.inetSocketAddress(1234, peer);
                  case "headers" -> headers;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @ParameterizedTest(name = "from {0} with [{1}] [{2}]: {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "203.0.113.5 | 198.51.100.1 | - | 203.0.113.5",
        "10.1.2.3 | 198.51.100.1 | - | 198.51.100.1",
        "10.1.2.3 | 198.51.100.1, 10.4.4.4 | - | 198.51.100.1",
        "10.1.2.3 | 6.6.6.6, 198.51.100.1, 192.0.2.7 | - | 198.51.100.1",
        "10.1.2.3 | 6.6.6.6 | 198.51.100.1, 10.9.9.9 | 198.51.100.1",
        "10.1.2.3 | 10.5.5.5, 10.6.6.6 | - | 10.5.5.5",
        "10.1.2.3 | 198.51.100.1, unknown | - | 10.1.2.3",
        "10.1.2.3 | evil.example | - | 10.1.2.3",
        "10.1.2.3 | - | - | 10.1.2.3",
        "192.0.2.7 | 2001:db8::1 | - | 2001:db8::1",
        "192.0.2.8 | 198.51.100.1 | - | 192.0.2.8"
      })
  void theClientIsTheFirstAddressThatIsNoTrustedProxy(
      String peer, String first, String second, String client) {
    HttpServerRequest request =
        first == null
            ? request(peer)
            : second == null ? request(peer, first) : request(peer, first, second);
    assertEquals(client, BEHIND_PROXIES.of(request));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "proxy.example | is not an IP address or a CIDR range",
        "10.0.0.0/33 | has a prefix that is not 0 to 32",
        "10.0.0.0/x | has a prefix that is not 0 to 32",
        "10.0.0.0/8/8 | is not an IP address or a CIDR range",
        "fd00::/129 | has a prefix that is not 0 to 128"
      })
  void badProxiesAreNamed(String proxy, String problem) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.rule(proxy));
    assertEquals(true, e.getMessage().contains(problem), e.getMessage());
  }
}
