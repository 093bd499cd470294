package io.flarewatch.central.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.config.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashTest {

  private static final int ITERATIONS = PasswordHash.MIN_ITERATIONS;

  @Test
  void roundTripsThroughItsStoredForm() {
    PasswordHash hash = PasswordHash.of("correct horse".toCharArray(), ITERATIONS);
    String stored = hash.encoded();
    assertTrue(stored.startsWith("pbkdf2-sha256$210000$"), stored);
    PasswordHash read = PasswordHash.parse(stored);
    assertEquals(hash, read);
    assertTrue(read.matches("correct horse".toCharArray()));
    assertFalse(read.matches("correct horsE".toCharArray()));
    assertFalse(read.matches("".toCharArray()));
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertNotEquals(
        PasswordHash.of("pw".toCharArray(), ITERATIONS).encoded(),
        PasswordHash.of("pw".toCharArray(), ITERATIONS).encoded());
  }

  @Test
  void aKnownVectorStillMatches() {
    // produced once by flarewatch password-hash; guards the format against silent changes
    PasswordHash stored =
        PasswordHash.parse(
            "pbkdf2-sha256$600000$bje2t11ZH4ydG7U8ZCH91g==$"
                + "S2JNG4zeyzD+2kdsgvqdwJNdR1DAd81NZ5lFyiDxumE=");
    assertTrue(stored.matches("change-me-now".toCharArray()));
  }

  @Test
  void unmatchableMatchesNothing() {
    assertFalse(PasswordHash.unmatchable(ITERATIONS).matches("anything".toCharArray()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plaintext",
        "sha256$210000$c2FsdHNhbHRzYWx0c2FsdA==$" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$many$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$210000$!!notbase64!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$210000$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2-sha256$210000$c2FsdHNhbHRzYWx0c2FsdA==$AAAA",
        "pbkdf2-sha256$210000$c2FsdHNhbHRzYWx0c2FsdA==",
        "pbkdf2-sha256$210000$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$x"
      })
  void malformedHashesAreRefused(String stored) {
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(stored));
  }

  @Test
  void tooFewIterationsAreRefusedWhenHashingToo() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of("pw".toCharArray(), 1));
    assertTrue(e.getMessage().contains("210000"), e.getMessage());
  }
}
