package io.flarewatch.central.auth;

import io.flarewatch.login.LoginThrottle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login outcomes shared by every replica's {@link LoginThrottle}: each outcome a replica counts is
 * published on the event bus address {@value #ADDRESS}, and each replica counts the others'. With
 * {@code cluster.enabled} the event bus spans the replicas, so an account or address locked on one
 * is locked on all, and guesses spread over replicas count as if sent to one.
 *
 * <p>Why the event bus rather than a cluster-wide map: the throttle decides at once and in bounded
 * memory on every replica, and a replica hears of an outcome within milliseconds, far less than a
 * single password check takes (the checks already running when a lock starts are admitted on one
 * replica alike). A replica that starts afresh holds no counts until the next outcomes, as after a
 * restart of a single central; the other replicas still hold theirs.
 */
public final class SharedLoginOutcomes {

  public static final String ADDRESS = "flarewatch.login.outcomes";
  private static final Logger LOG = LoggerFactory.getLogger(SharedLoginOutcomes.class);

  private SharedLoginOutcomes() {}

  /** Publishes {@code throttle}'s outcomes and counts the other replicas' in it. */
  static void share(Vertx vertx, LoginThrottle throttle) {
    String replica = UUID.randomUUID().toString();
    vertx
        .eventBus()
        .<JsonObject>consumer(
            ADDRESS,
            message -> {
              JsonObject body = message.body();
              if (!replica.equals(body.getString("replica"))) {
                try {
                  throttle.counted(decode(body));
                } catch (RuntimeException e) {
                  LOG.warn("a login outcome from another replica is unreadable: {}", e.toString());
                }
              }
            });
    throttle.onOutcome(
        outcome -> vertx.eventBus().publish(ADDRESS, encode(outcome).put("replica", replica)));
  }

  static JsonObject encode(LoginThrottle.Outcome outcome) {
    LoginThrottle.Attempt attempt = outcome.attempt();
    return new JsonObject()
        .put("user", attempt.user())
        .put("address", attempt.address())
        .put("device", attempt.device())
        .put("succeeded", outcome.succeeded())
        .put("at", outcome.at().toEpochMilli());
  }

  static LoginThrottle.Outcome decode(JsonObject body) {
    LoginThrottle.Attempt attempt =
        new LoginThrottle.Attempt(
            body.getString("user"), body.getString("address"), body.getString("device"));
    if (attempt.user() == null || attempt.address() == null) {
      throw new IllegalArgumentException("no user or address");
    }
    return new LoginThrottle.Outcome(
        attempt, body.getBoolean("succeeded"), Instant.ofEpochMilli(body.getLong("at")));
  }
}
