package io.flarewatch.wire.command;

import java.util.List;

/**
 * Why the edge refuses a command, as a stable code ({@link #reason()}) with a sentence for people.
 * The codes are the {@code reason} of a {@code rejected} command event, and {@link #REASONS} is
 * every one of them: the edge reports no other, and central's API documents exactly these.
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

  /** A cancel arrived after a miner of the command it names was acted on. */
  public static final String ALREADY_EXECUTING = "already_executing";

  /**
   * Every refusal reason, the closed list. (An id the edge stored before is no refusal: it is
   * dropped, logged and counted, since central already has the first one's event.)
   */
  public static final List<String> REASONS =
      List.of(BAD_SIGNATURE, MALFORMED, WRONG_SITE, EXPIRED, NOT_YET_VALID, ALREADY_EXECUTING);

  private final String reason;

  /**
   * @param reason one of {@link #REASONS}
   * @throws IllegalArgumentException for any other reason
   */
  public CommandRefusedException(String reason, String message) {
    super(message);
    this.reason = requireKnown(reason);
  }

  public String reason() {
    return reason;
  }

  /**
   * @return {@code reason}, when it is one of {@link #REASONS}
   * @throws IllegalArgumentException otherwise
   */
  public static String requireKnown(String reason) {
    if (reason == null || !REASONS.contains(reason)) {
      throw new IllegalArgumentException(
          "refusal reason must be one of " + REASONS + ", got '" + reason + "'");
    }
    return reason;
  }
}
