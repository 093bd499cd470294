package io.flarewatch.central.commands;

import static io.flarewatch.central.commands.TargetSpec.invalid;

import io.flarewatch.central.config.CommandsConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.wire.command.CommandAction;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /api/v1/sites/{site}/commands}, checked: {@code action} ({@code sleep},
 * {@code wake}, {@code power_limit} with {@code watts}), {@code targets}, optional {@code startAt}
 * (default now), {@code expiresAt} (default {@code startAt} + {@code
 * commands.defaultExpirySeconds}, at most {@code commands.maxExpirySeconds} after now) and {@code
 * staggerSeconds}. Anything else is a 400 naming the key.
 *
 * @param requestSha256 hex SHA-256 of the body as sent: a retry with the same key must send the
 *     same body
 */
record CommandRequest(
    CommandAction action,
    Integer watts,
    TargetSpec targets,
    Instant notBefore,
    Instant expiresAt,
    Duration stagger,
    String requestSha256) {

  static final int MAX_WATTS = 100_000;
  static final int MAX_STAGGER_SECONDS = 86_400;

  /** How far in the past {@code startAt} may be (a client's clock); it then means now. */
  static final Duration PAST_START_ALLOWANCE = Duration.ofSeconds(60);

  private static final Set<String> KEYS =
      Set.of("action", "watts", "targets", "startAt", "expiresAt", "staggerSeconds");

  static CommandRequest of(JsonObject body, byte[] raw, CommandsConfig config, Instant now) {
    Set<String> unknown = new TreeSet<>(body.fieldNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw invalid(
          "Unknown key(s) "
              + unknown.stream().map(ApiException::excerpt).toList()
              + "; a command takes "
              + new TreeSet<>(KEYS)
              + ".");
    }
    CommandAction action = action(body.getValue("action"));
    Integer watts = watts(action, body.getValue("watts"));
    TargetSpec targets = TargetSpec.parse(body.getValue("targets"));
    Instant startAt = instant(body.getValue("startAt"), "startAt");
    Instant latest = now.plusSeconds(config.maxExpirySeconds());
    Instant notBefore = now;
    if (startAt != null) {
      if (startAt.isBefore(now.minus(PAST_START_ALLOWANCE))) {
        throw invalid("'startAt' " + startAt + " is in the past (now " + now + ").");
      }
      notBefore = startAt.isAfter(now) ? startAt : now;
    }
    Instant expiresAt = instant(body.getValue("expiresAt"), "expiresAt");
    if (expiresAt == null) {
      expiresAt = notBefore.plusSeconds(config.defaultExpirySeconds());
      if (expiresAt.isAfter(latest)) {
        expiresAt = latest;
      }
    }
    if (!expiresAt.isAfter(notBefore)) {
      throw invalid("'expiresAt' " + expiresAt + " is not after the start " + notBefore + ".");
    }
    if (expiresAt.isAfter(latest)) {
      throw invalid(
          "'expiresAt' "
              + expiresAt
              + " is more than commands.maxExpirySeconds ("
              + config.maxExpirySeconds()
              + " s) from now; at most "
              + latest
              + ".");
    }
    Duration stagger = Duration.ofSeconds(stagger(body.getValue("staggerSeconds")));
    return new CommandRequest(action, watts, targets, notBefore, expiresAt, stagger, sha256(raw));
  }

  private static CommandAction action(Object value) {
    if (!(value instanceof String name)) {
      throw invalid("'action' is required: sleep, wake or power_limit.");
    }
    CommandAction action;
    try {
      action = CommandAction.fromWire(name);
    } catch (IllegalArgumentException e) {
      action = null;
    }
    if (action == null || action == CommandAction.CANCEL) {
      throw invalid(
          "'action' "
              + ApiException.quoted(name)
              + " is not one of sleep, wake, power_limit (cancel is POST .../commands/{id}/cancel).");
    }
    return action;
  }

  private static Integer watts(CommandAction action, Object value) {
    if (action != CommandAction.POWER_LIMIT) {
      if (value != null) {
        throw invalid("'watts' is only for power_limit, not " + action.wireName() + ".");
      }
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long)
        || ((Number) value).longValue() < 1
        || ((Number) value).longValue() > MAX_WATTS) {
      throw invalid(
          "power_limit needs 'watts', a whole number from 1 to "
              + MAX_WATTS
              + "; got "
              + value
              + ".");
    }
    return ((Number) value).intValue();
  }

  private static long stagger(Object value) {
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Integer || value instanceof Long)
        || ((Number) value).longValue() < 0
        || ((Number) value).longValue() > MAX_STAGGER_SECONDS) {
      throw invalid(
          "'staggerSeconds' must be a whole number from 0 to "
              + MAX_STAGGER_SECONDS
              + "; got "
              + ApiException.excerpt(String.valueOf(value))
              + ".");
    }
    return ((Number) value).longValue();
  }

  private static Instant instant(Object value, String key) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    throw invalid(
        "'"
            + key
            + "' must be an ISO-8601 instant such as 2026-11-26T10:00:00Z; got "
            + ApiException.quoted(String.valueOf(value))
            + ".");
  }

  private static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
