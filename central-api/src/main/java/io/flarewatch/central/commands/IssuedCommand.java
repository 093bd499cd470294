package io.flarewatch.central.commands;

import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.SignedCommand;
import java.time.Instant;

/**
 * A command as central stored it: the signed envelope exactly as sent to the edge, the request it
 * answers, and its withdrawal if an operator canceled it.
 *
 * @param signed the signed envelope, the bytes the edge verifies
 * @param envelope {@code signed}'s envelope, read back from its bytes
 * @param idempotencyKey the client's {@code Idempotency-Key}
 * @param requestSha256 the request body's SHA-256, so a reused key with another body is refused
 * @param cancel the cancel, or null
 */
record IssuedCommand(
    SignedCommand signed,
    CommandEnvelope envelope,
    String idempotencyKey,
    String requestSha256,
    Cancel cancel) {

  /**
   * An operator's cancel of a command.
   *
   * @param at when central stored it
   * @param by who canceled
   * @param signed the signed cancel envelope pushed to the edge
   */
  record Cancel(Instant at, String by, SignedCommand signed) {}

  String id() {
    return envelope.id();
  }

  IssuedCommand withCancel(Cancel cancel) {
    return new IssuedCommand(signed, envelope, idempotencyKey, requestSha256, cancel);
  }
}
