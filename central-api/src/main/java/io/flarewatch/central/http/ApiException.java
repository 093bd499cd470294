package io.flarewatch.central.http;

/**
 * A request that cannot be served, with what the client needs to know: the HTTP status, a problem
 * type (RFC 9457) and a detail naming what is wrong. The router's one failure handler turns it into
 * an {@code application/problem+json} response.
 */
public class ApiException extends RuntimeException {

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
