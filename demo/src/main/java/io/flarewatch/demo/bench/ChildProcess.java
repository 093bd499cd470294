package io.flarewatch.demo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A JVM child running a main class of this jar, stopped (SIGTERM) when closed. */
final class ChildProcess implements AutoCloseable {

  private final Process process;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final List<String> output = new ArrayList<>();

  private ChildProcess(Process process, String readyLine) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  if (line.contains(readyLine)) {
                    ready.complete(null);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(new IllegalStateException("exited before ready"));
            },
            "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code mainClass} from this JVM's class path and waits for {@code readyLine}. */
  static ChildProcess start(String mainClass, List<String> args, String readyLine, Duration wait)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ChildProcess child = new ChildProcess(process, readyLine);
    try {
      child.ready.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      child.close();
      throw new IllegalStateException(
          mainClass + " did not get ready: " + e + "\n" + String.join("\n", child.lastLines(20)));
    }
    return child;
  }

  List<String> lastLines(int n) {
    synchronized (output) {
      return new ArrayList<>(output.subList(Math.max(0, output.size() - n), output.size()));
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
