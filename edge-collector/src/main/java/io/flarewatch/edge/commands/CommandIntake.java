package io.flarewatch.edge.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.wire.command.CommandAction;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.CommandRefusedException;
import io.flarewatch.wire.command.SignedCommand;
import io.vertx.core.Future;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to each frame central sends on the command link: read, verified ({@link
 * CommandVerifier}), stored once ({@link CommandStore}) and handed to the executor; or refused,
 * with a {@code command_event state=rejected} (reason code, detail), a log line and a count. A
 * command whose id is stored already (central sends again after every reconnect) is only logged and
 * counted: central has its first event.
 */
final class CommandIntake {

  private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The frame that carries a command: {@code {"type":"command","command":{...}}}. */
  static final String COMMAND_FRAME = "command";

  private final CommandVerifier verifier;
  private final CommandStore store;
  private final CommandExecutorVerticle executor;
  private final CommandStats stats;
  private final Clock clock;

  CommandIntake(
      CommandVerifier verifier,
      CommandStore store,
      CommandExecutorVerticle executor,
      CommandStats stats,
      Clock clock) {
    this.verifier = verifier;
    this.store = store;
    this.executor = executor;
    this.stats = stats;
    this.clock = clock;
  }

  /** Handles one text frame; completes once what it did is stored. */
  Future<Void> receive(String frame) {
    JsonNode json;
    try {
      json = JSON.readTree(frame);
    } catch (JsonProcessingException e) {
      return refuse(null, malformed("the frame is not JSON: " + e.getOriginalMessage()));
    }
    if (json == null || !COMMAND_FRAME.equals(json.path("type").asText())) {
      LOG.debug(
          "command link: ignoring a frame of type '{}'", json == null ? null : json.path("type"));
      return Future.succeededFuture();
    }
    stats.received.incrementAndGet();
    SignedCommand signed;
    try {
      signed = SignedCommand.fromJson(json.path("command"));
    } catch (CommandRefusedException e) {
      return refuse(null, e);
    }
    CommandEnvelope command;
    try {
      command = verifier.verify(signed, clock.instant());
    } catch (CommandRefusedException e) {
      return refuse(signed, e);
    }
    return command.action() == CommandAction.CANCEL
        ? cancel(command, signed)
        : accept(command, signed);
  }

  private Future<Void> accept(CommandEnvelope command, SignedCommand signed) {
    return store
        .accept(command, signed)
        .map(
            stored -> {
              if (stored) {
                stats.accepted.incrementAndGet();
                LOG.info(
                    "command {} accepted: {} of {} miners from {}, issued by {}",
                    command.id(),
                    command.action().wireName(),
                    command.targets().size(),
                    command.notBefore(),
                    command.issuedBy());
                executor.execute(command);
              } else {
                replayed(command);
              }
              return null;
            });
  }

  private Future<Void> cancel(CommandEnvelope cancel, SignedCommand signed) {
    return store
        .cancel(cancel, signed)
        .map(
            result -> {
              switch (result) {
                case KNOWN -> replayed(cancel);
                case CANCELED -> {
                  stats.accepted.incrementAndGet();
                  LOG.info("command {} canceled by {}", cancel.cancels(), cancel.id());
                  executor.forget(cancel.cancels());
                }
                case TOO_LATE -> {
                  stats.refused(CommandRefusedException.ALREADY_EXECUTING, 1);
                  LOG.warn(
                      "cancel {} refused: command {} is already being executed",
                      cancel.id(),
                      cancel.cancels());
                }
              }
              return null;
            });
  }

  private void replayed(CommandEnvelope command) {
    stats.replayed.incrementAndGet();
    LOG.info("command {} received again: already stored, ignored", command.id());
  }

  /**
   * Counts and logs a refusal and reports it as {@code rejected} under the id the payload names, if
   * it names one (unverified: it only lets central match the refusal to what it sent).
   */
  private Future<Void> refuse(SignedCommand signed, CommandRefusedException refusal) {
    stats.refused(refusal.reason(), 1);
    CommandEnvelope unverified = signed == null ? null : readable(signed);
    String id = unverified == null ? null : unverified.id();
    LOG.warn(
        "command {} refused ({}): {}",
        id == null ? "(no readable id)" : id,
        refusal.reason(),
        refusal.getMessage());
    if (id == null || !printable(id)) {
      return Future.succeededFuture();
    }
    return store.reject(id, unverified, refusal.reason(), refusal.getMessage());
  }

  private static CommandEnvelope readable(SignedCommand signed) {
    try {
      return SignedCommand.envelope(signed.payload());
    } catch (CommandRefusedException unreadable) {
      return null;
    }
  }

  private static boolean printable(String id) {
    return id.chars().allMatch(c -> c > 0x20 && c < 0x7f) && !id.endsWith("\\");
  }

  private static CommandRefusedException malformed(String detail) {
    return new CommandRefusedException(CommandRefusedException.MALFORMED, detail);
  }
}
