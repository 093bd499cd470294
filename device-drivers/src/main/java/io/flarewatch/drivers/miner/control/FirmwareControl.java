package io.flarewatch.drivers.miner.control;

import io.flarewatch.drivers.miner.MinerAddress;
import io.vertx.core.Future;

/**
 * Sends an action to miners of one firmware family, the way that firmware takes it (Braiins OS
 * {@code pause}/{@code resume}, LuxOS session + {@code curtail}, Whatsminer encrypted writes, stock
 * Antminer HTTP digest). Sending is not confirming: {@code MinerCommander} reads the state back
 * afterwards. Non-blocking.
 */
public interface FirmwareControl {

  /** Whether this firmware can do {@code action} at all. */
  boolean supports(MinerAction action);

  /**
   * Sends one action.
   *
   * @return completes when the firmware accepted the request; fails with a {@code
   *     MinerApiException} whose code says why (e.g. {@code auth_failed}, {@code session_busy},
   *     {@code reply_error} with the firmware's Code/Msg, {@code timeout})
   */
  Future<Void> send(MinerAddress address, MinerCommand command);
}
