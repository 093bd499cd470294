package io.flarewatch.edge.commands;

import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * Sends a command to the miner at an address and confirms it by read-back, the shape of the miner
 * drivers' {@code MinerCommander.execute}. The future never fails for a device's own failure.
 */
@FunctionalInterface
public interface MinerControl {

  Future<MinerOutcome> execute(MinerAddress address, MinerCommand command, Instant deadline);

  /** A control for a build without firmware controls: every miner is skipped as unsupported. */
  MinerControl NONE =
      (address, command, deadline) ->
          Future.succeededFuture(
              new MinerOutcome(
                  MinerOutcome.Result.SKIPPED,
                  null,
                  null,
                  "unsupported",
                  "this edge has no firmware control to send commands with",
                  0));
}
