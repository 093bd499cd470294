package io.flarewatch.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The main method of a Flarewatch service: {@code <name> --config <file.yaml>}. Reads and validates
 * the config (exit code 2 listing every bad key), starts the service on a new Vert.x instance (exit
 * code 1 if it cannot start) and runs until the JVM is asked to stop, then closes Vert.x, which
 * stops every verticle. A failed start closes Vert.x and exits at once with one line on stderr.
 */
public final class ServiceMain {

  private ServiceMain() {}

  public static <C> void run(
      String name, String[] args, Class<C> configType, BiFunction<Vertx, C, Future<?>> start)
      throws InterruptedException {
    run(name, args, configType, config -> Future.succeededFuture(Vertx.vertx()), start);
  }

  /**
   * As {@link #run(String, String[], Class, BiFunction)}, on the Vert.x instance {@code vertx}
   * makes for the config (a clustered one, say); exit code 1 when it cannot be made.
   */
  public static <C> void run(
      String name,
      String[] args,
      Class<C> configType,
      Function<C, Future<Vertx>> vertxFor,
      BiFunction<Vertx, C, Future<?>> start)
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
      System.err.println("invalid configuration " + args[1] + ":");
      e.problems().forEach(problem -> System.err.println("  " + problem));
      System.exit(2);
      return;
    }
    Vertx vertx;
    try {
      vertx = vertxFor.apply(config).await();
    } catch (Exception e) {
      System.err.println(name + " failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Shutdown shutdown = Shutdown.onStop(name, () -> vertx.close().await(30, TimeUnit.SECONDS));
    try {
      // waited for here, not in a callback: exiting on an event loop would block it while the
      // shutdown hook waits for Vert.x to close on that very loop
      start.apply(vertx, config).await();
    } catch (Exception e) {
      System.err.println(name + " failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    shutdown.await();
  }
}
