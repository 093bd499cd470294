package io.flarewatch.central.http;

/**
 * A request that cannot be served, with what the client needs to know: the HTTP status, a problem
 * type (RFC 9457) and a detail naming what is wrong. The router's one failure handler turns it into
 * an {@code application/problem+json} response.
 */
public class ApiException extends RuntimeException {

  /** Longest piece of client input a problem repeats. */
  public static final int MAX_EXCERPT_CHARS = 64;

  private final int status;
  private final String type;
  private final String title;
  private final Integer retryAfterSeconds;

  public ApiException(int status, String type, String title, String detail) {
    this(status, type, title, detail, null, null);
  }

  public ApiException(
      int status,
      String type,
      String title,
      String detail,
      Integer retryAfterSeconds,
      Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.type = type;
    this.title = title;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiException badRequest(String type, String detail) {
    return new ApiException(400, type, "Bad request", detail);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", "Unauthorized", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", "Forbidden", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not-found", "Not found", detail);
  }

  public static ApiException storageUnavailable(Throwable cause) {
    return new ApiException(
        503,
        "storage-unavailable",
        "Storage unavailable",
        "InfluxDB is unavailable; nothing was stored. Retry later.",
        5,
        cause);
  }

  /**
   * Client input as a problem may echo it: control characters replaced, cut to {@value
   * #MAX_EXCERPT_CHARS} characters (then ending in '…'), so no answer repeats a long or binary
   * request back.
   */
  public static String excerpt(String input) {
    if (input == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < input.length() && i < MAX_EXCERPT_CHARS; i++) {
      char c = input.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.append(input.length() > MAX_EXCERPT_CHARS ? "…" : "").toString();
  }

  /** {@link #excerpt(String)} in single quotes. */
  public static String quoted(String input) {
    return input == null ? excerpt(null) : "'" + excerpt(input) + "'";
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
