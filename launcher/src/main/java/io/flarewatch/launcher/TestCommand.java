package io.flarewatch.launcher;

import java.io.PrintStream;

/** {@code flarewatch test}: the tests run from a source checkout, never from an installation. */
public final class TestCommand {

  private TestCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    err.println(
        "flarewatch test runs from a source checkout (./flarewatch test), not from an"
            + " installed distribution");
    return 2;
  }
}
