package io.flarewatch.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command of the machine and keeps what it printed. */
record Commands(int exitCode, String output) {

  static Commands run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end");
      }
      return new Commands(process.exitValue(), output);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs the command and fails naming it and its output unless it exits 0. */
  static String ok(String... command) {
    Commands result = run(command);
    if (result.exitCode != 0) {
      throw new AssertionError(
          String.join(" ", command) + " exited " + result.exitCode + ":\n" + result.output);
    }
    return result.output;
  }

  /** Whether a program is on the PATH. */
  static boolean available(String program) {
    return run("sh", "-c", "command -v " + program).exitCode == 0;
  }

  List<String> lines() {
    return output.lines().toList();
  }
}
