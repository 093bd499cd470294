package io.flarewatch.central.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceTokensTest {

  private static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";
  private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  private static DeviceTokens at(Instant instant, String secret) {
    return new DeviceTokens(secret, Clock.fixed(instant, ZoneOffset.UTC));
  }

  @Test
  void aTokenNamesItsDeviceForItsUserOnly() {
    DeviceTokens devices = at(NOW, SECRET);
    String token = devices.issue("ann");
    Optional<String> device = devices.device(token, "ann");
    assertTrue(device.isPresent());
    assertNotEquals(device, devices.device(devices.issue("ann"), "ann"), "each login a new one");
    assertEquals(Optional.empty(), devices.device(token, "bob"));
  }

  @Test
  void forgedExpiredOrForeignTokensAreNoDeviceTokens() {
    DeviceTokens devices = at(NOW, SECRET);
    String token = devices.issue("ann");
    String[] parts = token.split("\\.");
    String bobsPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("bob:" + NOW.getEpochSecond() + ":x").getBytes());
    for (String forged :
        new String[] {
          token + "A",
          parts[0] + ".",
          bobsPayload + "." + parts[1],
          "not a token",
          "a.b.c",
          "",
          at(NOW, SECRET.replace('t', 'T')).issue("ann")
        }) {
      assertEquals(Optional.empty(), devices.device(forged, "ann"), forged);
    }
    assertTrue(at(NOW.plus(DeviceTokens.LIFETIME), SECRET).device(token, "ann").isPresent());
    assertEquals(
        Optional.empty(),
        at(NOW.plus(DeviceTokens.LIFETIME).plusSeconds(1), SECRET).device(token, "ann"));
  }
}
