package io.flarewatch.wire;

import java.util.List;

/**
 * Measurement {@code site_audit}: what a user did at the site-local app, recorded by the edge in
 * its buffer and delivered like every sample, so it reaches central after an outage too. Central
 * lists these entries in its audit log beside its own, marked as coming from the site.
 *
 * <p>Tags: {@code site}, {@code user} (who: the account, the token's subject, or the name a refused
 * login claimed), {@code role}, {@code command} (the id of a command given). Fields: {@code action}
 * ({@link #ACTIONS}), {@code outcome} ({@link #OUTCOMES}), {@code status} (the HTTP status
 * answered), {@code via}, {@code method}, {@code path}, {@code remote_address}, {@code note}.
 * Passwords and tokens are never in it.
 *
 * <p>Central checks more than names and types here ({@link #problem(Point)}): action, outcome and
 * status must be present and among the values below, so a site cannot make up kinds of entries.
 */
public final class SiteAudit {

  public static final String MEASUREMENT = "site_audit";

  /** Who acted: the local account, the subject of central's token, or a refused login's name. */
  public static final String TAG_USER = "user";

  /** The user's role, when known ({@link Schema#TAG_ROLE}, a tag key already). */
  public static final String TAG_ROLE = Schema.TAG_ROLE;

  /** The id of the command given ({@link Schema#TAG_COMMAND}). */
  public static final String TAG_COMMAND = Schema.TAG_COMMAND;

  /** What was done, one of {@link #ACTIONS} ({@link Schema#FIELD_COMMAND_ACTION}, a string). */
  public static final String FIELD_ACTION = Schema.FIELD_COMMAND_ACTION;

  /** How it ended, one of {@link #OUTCOMES} ({@link Schema#FIELD_OUTCOME}, a string). */
  public static final String FIELD_OUTCOME = Schema.FIELD_OUTCOME;

  public static final String FIELD_STATUS = "status";
  public static final String FIELD_VIA = "via";
  public static final String FIELD_METHOD = "method";
  public static final String FIELD_PATH = "path";
  public static final String FIELD_REMOTE_ADDRESS = "remote_address";
  public static final String FIELD_NOTE = "note";

  /** A login with a local account's name and password. */
  public static final String ACTION_LOGIN = "login";

  /** A login with a site access token central signed. */
  public static final String ACTION_TOKEN_LOGIN = "token_login";

  /** A request of the site-local API refused for its bearer token or role. */
  public static final String ACTION_REQUEST = "request";

  /** A command given at the site (sleep, wake, power limit). */
  public static final String ACTION_COMMAND = "command";

  public static final List<String> ACTIONS =
      List.of(ACTION_LOGIN, ACTION_TOKEN_LOGIN, ACTION_REQUEST, ACTION_COMMAND);

  public static final String OUTCOME_OK = "ok";
  public static final String OUTCOME_REFUSED = "refused";

  /** A login held back by the throttle (too many failures). */
  public static final String OUTCOME_LOCKED = "locked";

  /** A command stored and handed to the executor. */
  public static final String OUTCOME_ISSUED = "issued";

  public static final List<String> OUTCOMES =
      List.of(OUTCOME_OK, OUTCOME_REFUSED, OUTCOME_LOCKED, OUTCOME_ISSUED);

  /** {@code via} of a local account (a token this edge signed). */
  public static final String VIA_LOCAL = "local";

  /** {@code via} of a site access token central signed. */
  public static final String VIA_SITE_TOKEN = "site-token";

  private SiteAudit() {}

  /**
   * Why a {@code site_audit} point whose names and types keep the contract is still refused, or
   * null: a missing or unknown action or outcome, a missing status or one that is not an HTTP
   * status.
   */
  static String problem(Point point) {
    String action = oneOf(point, FIELD_ACTION, ACTIONS);
    if (action != null) {
      return action;
    }
    String outcome = oneOf(point, FIELD_OUTCOME, OUTCOMES);
    if (outcome != null) {
      return outcome;
    }
    Object status = point.fields().get(FIELD_STATUS);
    if (status == null) {
      return "measurement " + MEASUREMENT + " needs the field '" + FIELD_STATUS + "'";
    }
    long code = (Long) status;
    if (code < 100 || code > 599) {
      return "field '"
          + FIELD_STATUS
          + "' of measurement "
          + MEASUREMENT
          + " must be an HTTP status from 100 to 599, not "
          + code;
    }
    return null;
  }

  private static String oneOf(Point point, String field, List<String> allowed) {
    Object value = point.fields().get(field);
    if (value == null) {
      return "measurement " + MEASUREMENT + " needs the field '" + field + "'";
    }
    if (!allowed.contains(value)) {
      return "field '"
          + field
          + "' of measurement "
          + MEASUREMENT
          + " must be one of "
          + String.join(", ", allowed)
          + ", not '"
          + LineProtocolException.excerpt((String) value)
          + "'";
    }
    return null;
  }
}
