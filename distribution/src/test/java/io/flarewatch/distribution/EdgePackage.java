package io.flarewatch.distribution;

import org.junit.jupiter.api.Assumptions;

/**
 * What the tests of the edge's Debian package need of the machine. Where it lacks them (a
 * developer's machine that is not Debian, or not root) the test says so and does not run; in CI
 * ({@code CI=true}, root on Debian) a lack is a failure, so these tests cannot pass unrun there.
 */
final class EdgePackage {

  private EdgePackage() {}

  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  static void requireDpkg(String what) {
    require(
        Commands.available("dpkg-deb") && Commands.available("dpkg"),
        "NOT RUN: to " + what + " this test needs dpkg (a Debian machine)");
  }

  static void requireRoot(String what) {
    String uid = Commands.ok("id", "-u").strip();
    require(
        uid.equals("0"),
        "NOT RUN: to "
            + what
            + " this test must run as root (uid 0, not "
            + uid
            + "): it installs the package with dpkg -i, makes its user and purges it after;"
            + " CI runs it as root");
  }

  static void require(boolean met, String reason) {
    if (met) {
      return;
    }
    if (inCi()) {
      throw new AssertionError(reason.replace("NOT RUN", "FAILED in CI"));
    }
    System.err.println(reason);
    Assumptions.abort(reason);
  }
}
