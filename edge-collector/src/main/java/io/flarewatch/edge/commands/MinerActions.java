package io.flarewatch.edge.commands;

import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * What the command executor asks of the site's miners, by their id in the edge's config. Both calls
 * end in an outcome, never a failed future for a device's own failure.
 */
public interface MinerActions {

  /**
   * Sends {@code command} to the miner and confirms it by reading the state back, retrying within
   * {@code deadline}.
   */
  Future<MinerOutcome> execute(String minerId, MinerCommand command, Instant deadline);

  /**
   * Reads the miner's state back, sending nothing: CONFIRMED when it shows {@code command} applied,
   * else FAILED ({@code not_applied} with the state it shows, or why it could not be read). Used
   * for a miner that may or may not have been sent the command before the edge stopped.
   */
  Future<MinerOutcome> readBack(String minerId, MinerCommand command, Instant deadline);
}
