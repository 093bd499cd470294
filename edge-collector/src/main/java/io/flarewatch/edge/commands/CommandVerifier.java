package io.flarewatch.edge.commands;

import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.CommandRefusedException;
import io.flarewatch.wire.command.SignedCommand;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks a signed command before anything is done with it: central's signature over the exact bytes
 * received, then the site, then the time window by the edge's clock with the skew allowance. (That
 * the id was never seen is checked where ids are stored, {@link CommandStore#accept}.)
 */
final class CommandVerifier {

  private final String site;
  private final PublicKey centralKey;
  private final Duration skew;

  CommandVerifier(String site, PublicKey centralKey, Duration skew) {
    this.site = site;
    this.centralKey = centralKey;
    this.skew = skew;
  }

  /**
   * The envelope, if the command may be executed at {@code now}.
   *
   * @throws CommandRefusedException {@code bad_signature}, {@code malformed}, {@code wrong_site},
   *     {@code expired} or {@code not_yet_valid}
   */
  CommandEnvelope verify(SignedCommand signed, Instant now) {
    CommandEnvelope command = signed.verify(centralKey);
    if (!command.site().equals(site)) {
      throw new CommandRefusedException(
          CommandRefusedException.WRONG_SITE,
          "the command is for site " + command.site() + ", this edge is " + site);
    }
    if (now.isAfter(command.expiresAt().plus(skew))) {
      throw new CommandRefusedException(
          CommandRefusedException.EXPIRED,
          "the command expired at " + command.expiresAt() + "; it is " + now + " here");
    }
    if (now.isBefore(command.issuedAt().minus(skew))) {
      throw new CommandRefusedException(
          CommandRefusedException.NOT_YET_VALID,
          "the command was issued at "
              + command.issuedAt()
              + ", later than "
              + now
              + " here by more than "
              + skew.toSeconds()
              + " s");
    }
    return command;
  }
}
