package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Builds the reply object of one CGMiner-style command for one miner, by its firmware flavour
 * ({@link AntminerReplies}, {@link BraiinsReplies}, {@link LuxosReplies}, {@link
 * WhatsminerReplies}, {@link WhatsminerWrites}), and executes the commands that change state
 * (pause, resume, logon, curtail, ...). Called under the site model's lock.
 */
final class MinerReplies {

  private final MinerMoment at;

  MinerReplies(MinerModel miner, long tick, Instant now, CommandFaults faults) {
    this.at = new MinerMoment(miner, tick, now, faults);
  }

  /** The reply object of one command: STATUS, the command's section(s), id. */
  ObjectNode reply(String command, String parameter) {
    ObjectNode r =
        switch (at.miner().flavour) {
          case ANTMINER -> new AntminerReplies(at, false).reply(command);
          case ANTMINER_CHAIN_RATES -> new AntminerReplies(at, true).reply(command);
          case BRAIINS -> new BraiinsReplies(at).reply(command);
          case LUXOS -> new LuxosReplies(at).reply(command, parameter);
          case WHATSMINER -> new WhatsminerReplies(at).reply(command);
        };
    return r != null ? r : error(14, "Invalid command");
  }

  /** The reply to a Whatsminer encrypted write ({@code {"enc":1,"data":...}}). */
  ObjectNode encryptedWrite(JsonNode request) {
    return new WhatsminerWrites(at).reply(request);
  }

  /** A STATUS E reply from this miner's firmware. */
  ObjectNode error(int code, String msg) {
    return new ReplyEnvelope(at.when(), description(at.miner().flavour)).error(code, msg);
  }

  /** A STATUS E reply for a request that could not be understood (no miner state needed). */
  static ObjectNode requestError(int code, String msg, long when) {
    return new ReplyEnvelope(when, "").error(code, msg);
  }

  /** What the firmware's STATUS {@code Description} says. */
  static String description(Flavour flavour) {
    return switch (flavour) {
      case ANTMINER -> AntminerReplies.description(false);
      case ANTMINER_CHAIN_RATES -> AntminerReplies.description(true);
      case BRAIINS -> BraiinsReplies.DESCRIPTION;
      case LUXOS -> LuxosReplies.DESCRIPTION;
      case WHATSMINER -> WhatsminerReplies.DESCRIPTION;
    };
  }
}
