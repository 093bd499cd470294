package io.flarewatch.drivers.miner.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerApiException;
import io.flarewatch.drivers.miner.MinerAuthException;
import io.flarewatch.drivers.miner.MinerReplyDecoder;
import io.flarewatch.drivers.miner.MinerReplyException;
import io.flarewatch.drivers.miner.MinerStatusException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MicroBT Whatsminer (btminer) API v2 writes: {@code power_off} (with {@code respbefore}), {@code
 * power_on} and {@code adjust_power_limit} (with {@code power_limit}), each encrypted with the key
 * derived from {@code get_token} and the admin password ({@link WhatsminerCrypto}).
 *
 * <p>A token is fetched on the first write to a miner and reused until {@link #tokenReuse} has
 * passed (the firmware keeps a token about 30 minutes and gives one client address at most 32), or
 * until the miner rejects it: then one fresh token is fetched and the write sent once more. Replies
 * come encrypted ({@code {"enc":...}}) or, for errors, in plaintext; both are read.
 *
 * <p>Failures ({@link MinerApiException} codes): {@code auth_failed} when the miner rejects a fresh
 * token (Code 135 "check token err"), cannot decrypt the write (Code 23: the key comes from another
 * password) or refuses writes (Code 45: the write API is not enabled on the miner); {@code
 * reply_error} with the firmware's Code/Msg for any other error (e.g. 136 "token over max times",
 * 14 an invalid value); {@code bad_reply} when the reply cannot be decrypted or read; {@code
 * timeout}, {@code refused}, {@code unreachable}, {@code io_error} from the connection.
 * Non-blocking.
 */
public final class WhatsminerControl implements FirmwareControl {

  /** How long a token is reused by default: inside the firmware's 30 minutes, with a margin. */
  public static final Duration DEFAULT_TOKEN_REUSE = Duration.ofMinutes(25);

  static final String TOKEN_REJECTED = "135";
  static final String UNDECRYPTABLE = "23";
  static final String WRITES_DISABLED = "45";

  private final MinerApiClient client;
  private final String adminPassword;
  private final Clock clock;
  private final Duration tokenReuse;
  private final Map<MinerAddress, CachedToken> tokens = new ConcurrentHashMap<>();

  private record CachedToken(WhatsminerCrypto.Token token, Instant fetchedAt) {}

  /** A control with the system clock and {@link #DEFAULT_TOKEN_REUSE}. */
  public WhatsminerControl(MinerApiClient client, MinerCredentials credentials) {
    this(client, credentials, Clock.systemUTC(), DEFAULT_TOKEN_REUSE);
  }

  /**
   * @param tokenReuse how long a fetched token is used for further writes; zero fetches one per
   *     write
   */
  public WhatsminerControl(
      MinerApiClient client, MinerCredentials credentials, Clock clock, Duration tokenReuse) {
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(credentials, "credentials");
    this.adminPassword =
        Objects.requireNonNull(
            credentials.whatsminerAdminPassword(), "credentials.whatsminerAdminPassword");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokenReuse = Objects.requireNonNull(tokenReuse, "tokenReuse");
    if (tokenReuse.isNegative()) {
      throw new IllegalArgumentException("tokenReuse must not be negative, got " + tokenReuse);
    }
  }

  @Override
  public boolean supports(MinerAction action) {
    return Set.of(MinerAction.SLEEP, MinerAction.WAKE, MinerAction.POWER_LIMIT).contains(action);
  }

  @Override
  public Future<Void> send(MinerAddress address, MinerCommand command) {
    ObjectNode write = write(command);
    String cmd = write.get("cmd").asText();
    CachedToken cached = tokens.get(address);
    if (cached != null && clock.instant().isBefore(cached.fetchedAt().plus(tokenReuse))) {
      return attempt(address, cmd, write, cached.token())
          .recover(
              e -> {
                if (!rejectsToken(e)) {
                  return Future.failedFuture(e);
                }
                tokens.remove(address, cached);
                return withFreshToken(address, cmd, write);
              });
    }
    return withFreshToken(address, cmd, write);
  }

  /** Forgets the tokens held for every miner. */
  public void forgetTokens() {
    tokens.clear();
  }

  private static ObjectNode write(MinerCommand command) {
    ObjectNode w = JsonNodeFactory.instance.objectNode();
    switch (command.action()) {
      case SLEEP -> w.put("cmd", "power_off").put("respbefore", "true");
      case WAKE -> w.put("cmd", "power_on");
      case POWER_LIMIT ->
          w.put("cmd", "adjust_power_limit").put("power_limit", String.valueOf(command.watts()));
    }
    return w;
  }

  private Future<Void> withFreshToken(MinerAddress address, String cmd, ObjectNode write) {
    return fetchToken(address)
        .compose(
            token ->
                attempt(address, cmd, write, token)
                    .recover(
                        e -> {
                          tokens.remove(address);
                          return Future.failedFuture(
                              rejectsToken(e) ? authFailed(address, cmd, e) : e);
                        }));
  }

  private Future<WhatsminerCrypto.Token> fetchToken(MinerAddress address) {
    return client
        .command(address, "get_token", null)
        .map(
            reply -> {
              JsonNode msg = reply.get("Msg");
              String time = text(msg, "time");
              String salt = text(msg, "salt");
              String newSalt = text(msg, "newsalt");
              if (time == null || salt == null || newSalt == null) {
                throw badReply(
                    address, "get_token", "no Msg.time/salt/newsalt in the get_token reply", null);
              }
              WhatsminerCrypto.Token token;
              try {
                token = WhatsminerCrypto.token(adminPassword, time, salt, newSalt);
              } catch (IllegalArgumentException e) {
                throw badReply(address, "get_token", e.getMessage(), e);
              }
              tokens.put(address, new CachedToken(token, clock.instant()));
              return token;
            });
  }

  private Future<Void> attempt(
      MinerAddress address, String cmd, ObjectNode write, WhatsminerCrypto.Token token) {
    ObjectNode plain = write.deepCopy().put("token", token.sign());
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("enc", 1);
    request.put("data", WhatsminerCrypto.encrypt(token.aesKey(), plain.toString()));
    return client
        .send(address, cmd + " (encrypted)", request)
        .map(
            reply -> {
              JsonNode enc = reply.get("enc");
              if (enc != null && enc.isTextual()) {
                readEncrypted(address, cmd, token, enc.asText());
              }
              return null;
            });
  }

  /** Decrypts an encrypted reply and fails on its STATUS E. */
  private static void readEncrypted(
      MinerAddress address, String cmd, WhatsminerCrypto.Token token, String enc) {
    byte[] plain;
    try {
      plain = WhatsminerCrypto.decrypt(token.aesKey(), enc);
    } catch (IllegalArgumentException e) {
      throw badReply(address, cmd, "encrypted reply cannot be decrypted: " + e.getMessage(), e);
    }
    try {
      MinerReplyDecoder.decode(plain);
    } catch (MinerStatusException e) {
      throw new MinerStatusException(
          prefix(address, cmd) + e.getMessage(), e.status(), e.statusCode(), e.statusMessage(), "");
    } catch (MinerReplyException e) {
      String what =
          "decrypted reply is not JSON: '"
              + MinerReplyDecoder.excerpt(plain.length > 60 ? Arrays.copyOf(plain, 60) : plain)
              + "'";
      throw badReply(address, cmd, what, e);
    }
  }

  /** The miner did not take the token: it is unknown or expired, or the key does not match. */
  private static boolean rejectsToken(Throwable e) {
    return e instanceof MinerStatusException s
        && (TOKEN_REJECTED.equals(s.statusCode())
            || UNDECRYPTABLE.equals(s.statusCode())
            || WRITES_DISABLED.equals(s.statusCode()));
  }

  private static MinerAuthException authFailed(MinerAddress address, String cmd, Throwable e) {
    MinerStatusException s = (MinerStatusException) e;
    String why =
        switch (s.statusCode()) {
          case WRITES_DISABLED -> "writes are not enabled on the miner";
          case UNDECRYPTABLE -> "the miner cannot decrypt the write: wrong admin password";
          default -> "the miner rejects a fresh token: wrong admin password";
        };
    String detail = why + " (" + s.detail() + ")";
    return new MinerAuthException(prefix(address, cmd) + detail, detail, e);
  }

  private static MinerReplyException badReply(
      MinerAddress address, String cmd, String what, Throwable cause) {
    return new MinerReplyException(prefix(address, cmd) + what, what, cause);
  }

  private static String prefix(MinerAddress address, String cmd) {
    return "miner " + address + " '" + cmd + "': ";
  }

  private static String text(JsonNode object, String field) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode value = object.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  @Override
  public String toString() {
    return "WhatsminerControl[tokenReuse=" + tokenReuse + ", secrets hidden]";
  }
}
