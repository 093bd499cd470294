package io.flarewatch.wire.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.wire.signing.Ed25519Signatures;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Canonical bytes, signature and the envelope's own rules. */
class SignedCommandTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private static CommandEnvelope sleep(List<String> targets, Map<String, Long> plan) {
    return new CommandEnvelope(
        "c-1",
        "well-7",
        CommandAction.SLEEP,
        null,
        null,
        targets,
        plan,
        "op",
        T0,
        T0,
        T0.plusSeconds(600));
  }

  @Test
  void canonicalBytesSortKeysHaveNoWhitespaceAndRoundTrip() {
    CommandEnvelope envelope = sleep(List.of("m-2", "m-1"), Map.of("m-2", 0L, "m-1", 500L));
    String text = new String(SignedCommand.canonicalBytes(envelope), StandardCharsets.UTF_8);
    assertEquals(
        "{\"action\":\"sleep\",\"expiresAt\":\"2026-11-26T10:10:00Z\",\"id\":\"c-1\","
            + "\"issuedAt\":\"2026-11-26T10:00:00Z\",\"issuedBy\":\"op\","
            + "\"notBefore\":\"2026-11-26T10:00:00Z\",\"params\":{},"
            + "\"plan\":{\"m-1\":500,\"m-2\":0},\"site\":\"well-7\",\"targets\":[\"m-2\",\"m-1\"]}",
        text);
    assertEquals(envelope, SignedCommand.envelope(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSignedCommandVerifiesOnlyWithCentralsKeyAndUnchangedBytes() {
    KeyPair central = Ed25519Signatures.newKeyPair();
    CommandEnvelope envelope = sleep(List.of("m-1"), Map.of("m-1", 0L));
    SignedCommand signed = SignedCommand.sign(envelope, central.getPrivate(), central.getPublic());
    SignedCommand travelled = SignedCommand.fromJson(signed.toJson());
    assertArrayEquals(signed.payload(), travelled.payload());
    assertEquals(envelope, travelled.verify(central.getPublic()));

    CommandRefusedException otherKey =
        assertThrows(
            CommandRefusedException.class,
            () -> travelled.verify(Ed25519Signatures.newKeyPair().getPublic()));
    assertEquals(CommandRefusedException.BAD_SIGNATURE, otherKey.reason());

    byte[] changed = signed.payload().clone();
    changed[changed.length - 4] ^= 1;
    SignedCommand tampered = new SignedCommand(changed, signed.signature(), signed.keyId());
    assertEquals(
        CommandRefusedException.BAD_SIGNATURE,
        assertThrows(CommandRefusedException.class, () -> tampered.verify(central.getPublic()))
            .reason());
  }

  @Test
  void anEnvelopeBreakingItsRulesIsRefusedNamingTheRule() {
    IllegalArgumentException noPlan =
        assertThrows(IllegalArgumentException.class, () -> sleep(List.of("m-1"), Map.of()));
    assertTrue(noPlan.getMessage().contains("plan"), noPlan.getMessage());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class, () -> sleep(List.of("m-1", "m-1"), Map.of("m-1", 0L)));
    assertTrue(twice.getMessage().contains("more than once"), twice.getMessage());
    CommandRefusedException malformed =
        assertThrows(
            CommandRefusedException.class,
            () -> SignedCommand.envelope("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(CommandRefusedException.MALFORMED, malformed.reason());
    assertTrue(malformed.getMessage().contains("site"), malformed.getMessage());
  }
}
