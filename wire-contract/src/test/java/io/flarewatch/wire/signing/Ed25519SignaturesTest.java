package io.flarewatch.wire.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;

/** Ed25519 over exact bytes: verified as signed, refused after a one-byte change. */
class Ed25519SignaturesTest {

  private static final byte[] REPORT =
      "period_start,period_end,site\n2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,well-7\n"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignatureVerifiesAndAOneByteChangeIsRefused() {
    KeyPair pair = Ed25519Signatures.newKeyPair();
    byte[] signature = Ed25519Signatures.sign(pair.getPrivate(), REPORT);
    assertEquals(64, signature.length);
    assertTrue(Ed25519Signatures.verify(pair.getPublic(), REPORT, signature));
    for (int i = 0; i < REPORT.length; i += 7) {
      byte[] changed = REPORT.clone();
      changed[i] ^= 1;
      assertFalse(Ed25519Signatures.verify(pair.getPublic(), changed, signature), "byte " + i);
    }
    assertFalse(
        Ed25519Signatures.verify(Ed25519Signatures.newKeyPair().getPublic(), REPORT, signature),
        "another key");
  }

  @Test
  void pemKeysRoundTripAndThePublicKeyFollowsFromThePrivateOne() {
    KeyPair pair = Ed25519Signatures.newKeyPair();
    String privatePem = Ed25519Signatures.privateKeyPem(pair.getPrivate());
    assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), privatePem);
    PrivateKey read = Ed25519Signatures.readPrivateKey(privatePem);
    PublicKey derived = Ed25519Signatures.publicKeyOf(read);
    assertArrayEquals(pair.getPublic().getEncoded(), derived.getEncoded());
    PublicKey publicRead =
        Ed25519Signatures.readPublicKey(Ed25519Signatures.publicKeyPem(pair.getPublic()));
    assertEquals(Ed25519Signatures.keyId(pair.getPublic()), Ed25519Signatures.keyId(publicRead));
    assertTrue(Ed25519Signatures.keyId(publicRead).matches("[0-9a-f]{16}"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Ed25519Signatures.readPrivateKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END"));
  }
}
