package io.flarewatch.drivers.miner.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerReplyException;
import io.vertx.core.Future;

/** A firmware control that can sleep and wake, and set no power limit. */
abstract class SleepWakeControl implements FirmwareControl {

  private final String name;

  /**
   * @param name what the firmware's write is called in messages, e.g. {@code LuxOS curtail}
   */
  SleepWakeControl(String name) {
    this.name = name;
  }

  @Override
  public final boolean supports(MinerAction action) {
    return action == MinerAction.SLEEP || action == MinerAction.WAKE;
  }

  @Override
  public final Future<Void> send(MinerAddress address, MinerCommand command) {
    if (!supports(command.action())) {
      return Future.failedFuture(
          new IllegalArgumentException(name + " cannot " + command.action()));
    }
    return send(address, command.action() == MinerAction.SLEEP);
  }

  /** Sends sleep ({@code true}) or wake ({@code false}). */
  abstract Future<Void> send(MinerAddress address, boolean sleep);

  /** Succeeds when a CGMiner-style reply carries a non-empty {@code section}, else bad_reply. */
  static Future<Void> expectSection(
      MinerAddress address, String request, JsonNode reply, String section) {
    if (reply.path(section).isArray() && !reply.path(section).isEmpty()) {
      return Future.succeededFuture();
    }
    String what = "reply has no " + section + " section";
    return Future.failedFuture(
        new MinerReplyException("miner " + address + " '" + request + "': " + what, what, null));
  }
}
