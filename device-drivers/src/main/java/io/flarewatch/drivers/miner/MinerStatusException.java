package io.flarewatch.drivers.miner;

/**
 * The miner answered with an error status ({@code STATUS} E or F): it understood the request and
 * refused or failed it. Code {@code reply_error}; the detail gives the firmware's status, Code and
 * Msg, e.g. {@code STATUS E Code 14: Invalid command}.
 */
public class MinerStatusException extends MinerApiException {

  public static final String CODE = "reply_error";

  private final String status;
  private final String statusCode;
  private final String statusMessage;

  /**
   * @param status the STATUS letter, E or F
   * @param statusCode the firmware's {@code Code}, or null when it sent none
   * @param statusMessage the firmware's {@code Msg}, or null when it sent none
   * @param where which part of a joined reply failed (e.g. {@code 'summary' part}), or empty
   */
  public MinerStatusException(
      String message, String status, String statusCode, String statusMessage, String where) {
    super(CODE, message, detail(status, statusCode, statusMessage, where), null);
    this.status = status;
    this.statusCode = statusCode;
    this.statusMessage = statusMessage;
  }

  private MinerStatusException(MinerStatusException original, String message) {
    super(CODE, message, original.detail(), null);
    this.status = original.status;
    this.statusCode = original.statusCode;
    this.statusMessage = original.statusMessage;
  }

  private static String detail(String status, String code, String msg, String where) {
    return "STATUS "
        + status
        + (code == null ? "" : " Code " + code)
        + ": "
        + (msg == null ? "no Msg" : msg)
        + (where.isEmpty() ? "" : " (" + where + ")");
  }

  /** The STATUS letter, E or F. */
  public String status() {
    return status;
  }

  /** The firmware's {@code Code}, or null. */
  public String statusCode() {
    return statusCode;
  }

  /** The firmware's {@code Msg}, or null. */
  public String statusMessage() {
    return statusMessage;
  }

  @Override
  MinerStatusException withPrefix(String prefix) {
    return new MinerStatusException(this, prefix + getMessage());
  }
}
