package io.flarewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHashCliTest {

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
