package io.flarewatch.central.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.config.PasswordHash;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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
    // produced once by PasswordHashCli; guards the format against silent changes
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

  @Test
  void cliPrintsAHashOfTheFirstLineOfItsInput() throws Exception {
    char[] password =
        PasswordHashCli.firstLine(new BufferedReader(new StringReader("s3cret pass\nignored\n")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        PasswordHashCli.run(
            new String[] {"--iterations", "210000"},
            password,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    PasswordHash printed = PasswordHash.parse(out.toString(StandardCharsets.UTF_8).strip());
    assertTrue(printed.matches("s3cret pass".toCharArray()));
    assertEquals(210_000, printed.iterations());
  }

  @Test
  void cliRefusesEmptyInputAndBadArguments() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(1, PasswordHashCli.run(new String[0], null, out, errors));
    assertEquals(
        2,
        PasswordHashCli.run(
            new String[] {"--iterations", "1000"}, "pw".toCharArray(), out, errors));
    assertEquals(
        2, PasswordHashCli.run(new String[] {"--rounds"}, "pw".toCharArray(), out, errors));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("210000"));
  }
}
