package io.flarewatch.edge.commands;

import io.flarewatch.wire.command.CommandAction;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.SignedCommand;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Commands signed as central signs them, with a key of the test's own. */
final class TestCommands {

  private final KeyPair key;

  TestCommands(KeyPair key) {
    this.key = key;
  }

  String publicKeyPem() {
    return Ed25519Signatures.publicKeyPem(key.getPublic());
  }

  SignedCommand sign(CommandEnvelope envelope) {
    return SignedCommand.sign(envelope, key.getPrivate(), key.getPublic());
  }

  /**
   * A sleep of {@code site}'s miners: each at {@code notBefore} plus its offset (ms), in the order
   * given, valid for {@code window} after {@code notBefore}.
   */
  static CommandEnvelope sleep(
      String site, Instant notBefore, Duration window, Map<String, Long> plan) {
    return command(site, CommandAction.SLEEP, null, notBefore, window, plan);
  }

  static CommandEnvelope command(
      String site,
      CommandAction action,
      Integer watts,
      Instant notBefore,
      Duration window,
      Map<String, Long> plan) {
    return new CommandEnvelope(
        UUID.randomUUID().toString(),
        site,
        action,
        watts,
        null,
        new ArrayList<>(plan.keySet()),
        plan,
        "operator-1",
        notBefore.minusSeconds(1),
        notBefore,
        notBefore.plus(window));
  }

  static CommandEnvelope cancel(String site, String commandId, Instant now) {
    return new CommandEnvelope(
        UUID.randomUUID().toString(),
        site,
        CommandAction.CANCEL,
        null,
        commandId,
        List.of(),
        Map.of(),
        "operator-1",
        now,
        now,
        now.plusSeconds(600));
  }

  /** A plan: miner ids and offsets, alternating ({@code "m-1", 0L, "m-2", 300L}). */
  static Map<String, Long> plan(Object... minersAndOffsets) {
    Map<String, Long> plan = new LinkedHashMap<>();
    for (int i = 0; i < minersAndOffsets.length; i += 2) {
      plan.put((String) minersAndOffsets[i], (Long) minersAndOffsets[i + 1]);
    }
    return plan;
  }
}
