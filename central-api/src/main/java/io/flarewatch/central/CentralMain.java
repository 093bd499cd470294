package io.flarewatch.central;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Runs central from a YAML config file: {@code central --config central.yaml}. */
public final class CentralMain {

  private CentralMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2 || !args[0].equals("--config")) {
      System.err.println("usage: central --config <central.yaml>");
      System.exit(2);
    }
    CentralConfig config;
    try {
      config = ConfigLoader.load(Path.of(args[1]));
    } catch (IllegalArgumentException e) {
      System.err.println("invalid configuration " + args[1] + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vertx.close().await();
                  stopped.countDown();
                }));
    CentralApp.start(vertx, config)
        .onFailure(
            e -> {
              System.err.println("central failed to start: " + e.getMessage());
              System.exit(1);
            });
    stopped.await();
  }
}
