package io.flarewatch.drivers.miner.control;

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
 * active fails with {@code session_busy} (retry later); refused for any other reason, with {@code
 * auth_failed}. No power limit on this API.
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
        .compose(
            reply -> {
              String sid = reply.path("SESSION").path(0).path("SessionID").asText("");
              if (sid.isBlank()) {
                String what = "logon reply has no SESSION[0].SessionID";
                return Future.failedFuture(
                    new MinerReplyException("miner " + address + " 'logon': " + what, what, null));
              }
              sessions.put(address, sid);
              return Future.succeededFuture(sid);
            });
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
