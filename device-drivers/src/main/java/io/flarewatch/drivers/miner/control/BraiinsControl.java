package io.flarewatch.drivers.miner.control;

import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerCommandException;
import io.flarewatch.drivers.miner.MinerStatusException;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Objects;

/**
 * Braiins OS (bosminer) on its legacy CGMiner-style API: {@code pause} (reply section {@code
 * PAUSE}) and {@code resume} ({@code RESUME}). The power target is only on the newer gRPC API, so
 * {@link MinerAction#POWER_LIMIT} is not supported here. A STATUS E saying access is denied (the
 * API is read-only for this host) fails with {@code auth_failed}.
 */
public final class BraiinsControl extends SleepWakeControl {

  private final MinerApiClient client;

  public BraiinsControl(MinerApiClient client) {
    super("Braiins OS legacy API");
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  Future<Void> send(MinerAddress address, boolean sleep) {
    String request = sleep ? "pause" : "resume";
    String section = request.toUpperCase(Locale.ROOT);
    return client
        .command(address, request, null)
        .recover(e -> Future.failedFuture(accessDenied(address, request, e)))
        .compose(reply -> expectSection(address, request, reply, section));
  }

  private static Throwable accessDenied(MinerAddress address, String request, Throwable e) {
    if (e instanceof MinerStatusException s
        && s.statusMessage() != null
        && s.statusMessage().toLowerCase(Locale.ROOT).contains("access denied")) {
      return MinerCommandException.authFailed(
          "miner " + address + " '" + request + "': " + s.detail(), s.detail());
    }
    return e;
  }
}
