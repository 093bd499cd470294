package io.flarewatch.wire.command;

/**
 * Why the edge refuses a command, as a stable code ({@link #reason()}) with a sentence for people.
 * The codes are the {@code reason} of a {@code rejected} command event.
 */
public final class CommandRefusedException extends RuntimeException {

  /** The signature does not verify with the edge's configured central key. */
  public static final String BAD_SIGNATURE = "bad_signature";

  /** The payload cannot be read as a command envelope. */
  public static final String MALFORMED = "malformed";

  /** The command is for another site. */
  public static final String WRONG_SITE = "wrong_site";

  /** The edge's clock is past {@code expiresAt} (plus the skew allowance). */
  public static final String EXPIRED = "expired";

  /** The edge's clock is before {@code issuedAt} by more than the skew allowance. */
  public static final String NOT_YET_VALID = "not_yet_valid";

  /** The id was executed (or refused) before. */
  public static final String REPLAYED = "replayed";

  private final String reason;

  public CommandRefusedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
