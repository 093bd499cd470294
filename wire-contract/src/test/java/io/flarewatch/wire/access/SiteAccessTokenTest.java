package io.flarewatch.wire.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.wire.access.SiteAccessToken.InvalidAccessTokenException;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteAccessTokenTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final KeyPair CENTRAL = Ed25519Signatures.newKeyPair();
  private static final KeyPair OTHER = Ed25519Signatures.newKeyPair();

  private static SiteAccessToken claims(String role, List<String> sites, Duration lifetime) {
    return new SiteAccessToken("central", "alice", role, sites, NOW, NOW.plus(lifetime));
  }

  @Test
  void aTokenSignedWithATrustedKeyGivesBackItsClaims() {
    String token =
        claims("operator", List.of("site-a"), Duration.ofHours(8)).sign(CENTRAL.getPrivate());

    SiteAccessToken read =
        SiteAccessToken.verify(
            token,
            List.of(OTHER.getPublic(), CENTRAL.getPublic()),
            NOW.plusSeconds(60),
            Duration.ZERO);

    assertEquals("alice", read.subject());
    assertEquals("OPERATOR", read.role());
    assertTrue(read.covers("site-a"));
    assertFalse(read.covers("site-b"));
    assertTrue(read.mayActAs("ENGINEER"));
    assertFalse(read.mayActAs("ADMIN"));
  }

  @Test
  void everySiteCoversAnySite() {
    String token = claims("VIEWER", List.of("*"), Duration.ofHours(1)).sign(CENTRAL.getPrivate());
    assertTrue(
        SiteAccessToken.verify(token, List.of(CENTRAL.getPublic()), NOW, Duration.ZERO)
            .covers("anything"));
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    String token = claims("ADMIN", List.of("*"), Duration.ofHours(1)).sign(OTHER.getPrivate());
    InvalidAccessTokenException e =
        assertThrows(
            InvalidAccessTokenException.class,
            () -> SiteAccessToken.verify(token, List.of(CENTRAL.getPublic()), NOW, Duration.ZERO));
    assertTrue(e.getMessage().contains("signature"), e.getMessage());
  }

  @Test
  void anExpiredTokenIsRefusedOnceTheSkewHasPassed() {
    String token = claims("VIEWER", List.of("*"), Duration.ofHours(1)).sign(CENTRAL.getPrivate());
    Instant expiry = NOW.plus(Duration.ofHours(1));
    SiteAccessToken.verify(
        token, List.of(CENTRAL.getPublic()), expiry.plusSeconds(30), Duration.ofSeconds(60));
    InvalidAccessTokenException e =
        assertThrows(
            InvalidAccessTokenException.class,
            () ->
                SiteAccessToken.verify(
                    token,
                    List.of(CENTRAL.getPublic()),
                    expiry.plusSeconds(60),
                    Duration.ofSeconds(60)));
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
  }

  @Test
  void aTokenFromTheFutureIsRefused() {
    String token = claims("VIEWER", List.of("*"), Duration.ofHours(1)).sign(CENTRAL.getPrivate());
    assertThrows(
        InvalidAccessTokenException.class,
        () ->
            SiteAccessToken.verify(
                token,
                List.of(CENTRAL.getPublic()),
                NOW.minusSeconds(120),
                Duration.ofSeconds(60)));
  }

  @Test
  void changedClaimsNoLongerVerify() {
    String token =
        claims("VIEWER", List.of("site-a"), Duration.ofHours(1)).sign(CENTRAL.getPrivate());
    String[] parts = token.substring(SiteAccessToken.PREFIX.length()).split("\\.");
    String forged = new String(Base64.getUrlDecoder().decode(parts[0])).replace("VIEWER", "ADMIN");
    String tampered =
        SiteAccessToken.PREFIX
            + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
            + "."
            + parts[1];
    assertThrows(
        InvalidAccessTokenException.class,
        () -> SiteAccessToken.verify(tampered, List.of(CENTRAL.getPublic()), NOW, Duration.ZERO));
  }

  @Test
  void aLifetimeBeyondAWeekCannotBeSignedOrRead() {
    assertThrows(
        IllegalArgumentException.class, () -> claims("VIEWER", List.of("*"), Duration.ofDays(8)));
  }

  @Test
  void somethingElseIsNotAToken() {
    for (String junk : new String[] {null, "", "Bearer x", "fws1.abc", "fws1.!!.??"}) {
      assertThrows(
          InvalidAccessTokenException.class,
          () -> SiteAccessToken.verify(junk, List.of(CENTRAL.getPublic()), NOW, Duration.ZERO));
    }
  }
}
