package io.flarewatch.drivers.miner.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerCommandException;
import io.flarewatch.drivers.miner.MinerReplyException;
import io.flarewatch.drivers.miner.MinerStatusException;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LuxOS (LUXminer): writes need a session. {@code logon} answers {@code SESSION[0].SessionID},
 * passed as the first parameter of {@code curtail} ({@code <sid>,sleep} / {@code <sid>,wakeup},
 * reply section {@code CURTAIL}).
 *
 * <p>The firmware allows one session at a time and ends it after a minute idle, so the session of
 * each miner is kept and reused; when the miner answers that the session is not valid (expired,
 * miner rebooted) it is opened again once. A {@code logon} refused because another session is
 * active is followed by the {@code session} command, which answers the id of the active session (as
 * LuxOS clients such as pyasic do): when a {@code logon} reply was lost the miner holds a session
 * whose id never reached us, and without this every retry would be refused until the miner's
 * one-minute idle expiry. When {@code session} names no session (it ended meanwhile) the send fails
 * with {@code session_busy} (retry later). A {@code logon} refused for any other reason fails with
 * {@code auth_failed}. No power limit on this API.
 */
public final class LuxosControl extends SleepWakeControl {

  private final MinerApiClient client;
  private final Map<MinerAddress, String> sessions = new ConcurrentHashMap<>();

  public LuxosControl(MinerApiClient client) {
    super("LuxOS curtail");
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  Future<Void> send(MinerAddress address, boolean sleep) {
    String action = sleep ? "sleep" : "wakeup";
    String cached = sessions.get(address);
    if (cached == null) {
      return logon(address).compose(sid -> curtail(address, sid, action));
    }
    return curtail(address, cached, action)
        .recover(
            e -> {
              if (!invalidSession(e)) {
                return Future.failedFuture(e);
              }
              sessions.remove(address, cached);
              return logon(address).compose(sid -> curtail(address, sid, action));
            });
  }

  private Future<String> logon(MinerAddress address) {
    return client
        .command(address, "logon", null)
        .recover(e -> Future.failedFuture(logonRefused(address, e)))
        .compose(reply -> logonSession(address, reply))
        .recover(e -> busy(e) ? activeSession(address, e) : Future.failedFuture(e))
        .onSuccess(sid -> sessions.put(address, sid));
  }

  /** The id of the session the miner holds open, or {@code busy} when it names none. */
  private Future<String> activeSession(MinerAddress address, Throwable busy) {
    return client
        .command(address, "session", null)
        .transform(
            asked -> {
              String sid = asked.succeeded() ? sid(asked.result()) : "";
              return sid.isBlank() ? Future.failedFuture(busy) : Future.succeededFuture(sid);
            });
  }

  private static Future<String> logonSession(MinerAddress address, JsonNode reply) {
    String sid = sid(reply);
    if (sid.isBlank()) {
      String what = "logon reply has no SESSION[0].SessionID";
      return Future.failedFuture(
          new MinerReplyException("miner " + address + " 'logon': " + what, what, null));
    }
    return Future.succeededFuture(sid);
  }

  private Future<Void> curtail(MinerAddress address, String sid, String action) {
    return client
        .command(address, "curtail", sid + "," + action)
        .compose(reply -> expectSection(address, "curtail", reply, "CURTAIL"));
  }

  private static boolean invalidSession(Throwable e) {
    return e instanceof MinerStatusException s
        && s.statusMessage() != null
        && s.statusMessage().toLowerCase(Locale.ROOT).contains("session");
  }

  /** {@code SESSION[0].SessionID} of a {@code logon} or {@code session} reply, "" when none. */
  private static String sid(JsonNode reply) {
    return reply.path("SESSION").path(0).path("SessionID").asText("");
  }

  private static boolean busy(Throwable e) {
    return e instanceof MinerCommandException c
        && MinerCommandException.SESSION_BUSY.equals(c.code());
  }

  private static Throwable logonRefused(MinerAddress address, Throwable e) {
    if (!(e instanceof MinerStatusException s)) {
      return e;
    }
    String msg = s.statusMessage() == null ? "" : s.statusMessage().toLowerCase(Locale.ROOT);
    String message = "miner " + address + " 'logon': " + s.detail();
    return msg.contains("another session") || msg.contains("session is active")
        ? MinerCommandException.sessionBusy(message, s.detail())
        : MinerCommandException.authFailed(message, s.detail());
  }
}
