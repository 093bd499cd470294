package io.flarewatch.config;

import java.util.concurrent.CountDownLatch;

/**
 * Stops a process's work once when the JVM is asked to stop (Ctrl-C, SIGTERM), in a shutdown hook,
 * and keeps the main thread until that has run.
 */
public final class Shutdown {

  /** What stopping a process does; it may block, within its own time limits. */
  @FunctionalInterface
  public interface Stop {
    void stop() throws Exception;
  }

  private final CountDownLatch stopped = new CountDownLatch(1);

  private Shutdown(String name, Stop stop) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    stop.stop();
                  } catch (Exception e) {
                    System.err.println(name + " did not stop cleanly: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                name + "-shutdown"));
  }

  /**
   * Registers {@code stop} to run when the JVM is asked to stop (or exits). A failure of {@code
   * stop} is printed, naming {@code name}; the JVM exits either way.
   */
  public static Shutdown onStop(String name, Stop stop) {
    return new Shutdown(name, stop);
  }

  /** Blocks until the JVM is asked to stop and {@code stop} has run. */
  public static void await(String name, Stop stop) throws InterruptedException {
    onStop(name, stop).await();
  }

  /** Blocks until the JVM is asked to stop and the registered stop has run. */
  public void await() throws InterruptedException {
    stopped.await();
  }
}
