package io.flarewatch.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The main method of a Flarewatch service: {@code <name> --config <file.yaml>}. Reads and validates
 * the config (exit code 2 naming the bad key), starts the service on a new Vert.x instance (exit
 * code 1 if it cannot start) and runs until the JVM is asked to stop, then closes Vert.x, which
 * stops every verticle.
 */
public final class ServiceMain {

  private ServiceMain() {}

  public static <C> void run(
      String name, String[] args, Class<C> configType, BiFunction<Vertx, C, Future<?>> start)
      throws InterruptedException {
    if (args.length != 2 || !args[0].equals("--config")) {
      System.err.println("usage: " + name + " --config <" + name + ".yaml>");
      System.exit(2);
      return;
    }
    C config;
    try {
      config = YamlConfigReader.load(Path.of(args[1]), configType);
    } catch (ConfigException e) {
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
                  try {
                    vertx.close().await(30, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    System.err.println(name + " did not stop cleanly: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                name + "-shutdown"));
    start
        .apply(vertx, config)
        .onFailure(
            e -> {
              System.err.println(name + " failed to start: " + e.getMessage());
              System.exit(1);
            });
    stopped.await();
  }
}
