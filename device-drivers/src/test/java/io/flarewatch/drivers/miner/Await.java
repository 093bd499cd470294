package io.flarewatch.drivers.miner;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Blocks a test thread on a Vert.x future (a safety bound, not a timing assertion). */
final class Await {

  private static final long BOUND_SECONDS = 20;

  private Await() {}

  static <T> T result(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success but failed with " + e.getCause(), e.getCause());
    }
  }

  static Throwable failure(Future<?> future) throws Exception {
    try {
      Object value =
          future.toCompletionStage().toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure but got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
