package io.flarewatch.config;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prints the {@code passwordHash} for a user in central's config or an account of the edge's
 * site-local app: reads one password (the first line of standard input, or from the terminal
 * without echo), prints its PBKDF2-HMAC-SHA256 hash.
 *
 * <pre>
 * printf '%s\n' "$PASSWORD" | flarewatch password-hash
 * </pre>
 *
 * <p>{@code --iterations N} overrides the default of {@value PasswordHash#DEFAULT_ITERATIONS}.
 */
public final class PasswordHashCli {

  private PasswordHashCli() {}

  public static void main(String[] args) throws IOException {
    Console console = System.console();
    char[] password;
    if (console != null) {
      password = console.readPassword("Password: ");
    } else {
      password =
          firstLine(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }
    System.exit(run(args, password, System.out, System.err));
  }

  /** Hashes {@code password} and prints it; returns the process exit code. */
  static int run(String[] args, char[] password, PrintStream out, PrintStream err) {
    int iterations = PasswordHash.DEFAULT_ITERATIONS;
    if (args.length == 2 && args[0].equals("--iterations")) {
      try {
        iterations = Integer.parseInt(args[1]);
      } catch (NumberFormatException e) {
        err.println("--iterations: '" + args[1] + "' is not a number");
        return 2;
      }
    } else if (args.length != 0) {
      err.println("usage: flarewatch password-hash [--iterations N]  (password on standard input)");
      return 2;
    }
    if (password == null || password.length == 0) {
      err.println("no password given: write it as the first line of standard input");
      return 1;
    }
    try {
      out.println(PasswordHash.of(password, iterations).encoded());
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** The first line, without its line ending; null when the input is empty. */
  static char[] firstLine(BufferedReader in) throws IOException {
    String line = in.readLine();
    return line == null ? null : line.toCharArray();
  }
}
