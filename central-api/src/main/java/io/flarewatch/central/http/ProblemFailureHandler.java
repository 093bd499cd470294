package io.flarewatch.central.http;

import io.flarewatch.central.influx.InfluxRejectedException;
import io.flarewatch.central.influx.InfluxUnavailableException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's single failure handler: every failure becomes an RFC 9457 problem document. Known
 * failures keep their status and detail; anything unexpected is logged and answered 500 without
 * internals.
 */
public final class ProblemFailureHandler implements Handler<RoutingContext> {

  public static final String PROBLEM_JSON = "application/problem+json";
  private static final String TYPE_BASE = "https://flarewatch.io/problems/";
  private static final int MAX_DETAIL_CHARS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(ProblemFailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    ApiException problem = toProblem(ctx);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    JsonObject body =
        new JsonObject()
            .put("type", TYPE_BASE + problem.type())
            .put("title", problem.title())
            .put("status", problem.status())
            .put("detail", capped(problem.getMessage()))
            .put("instance", ctx.request().path());
    if (problem.retryAfterSeconds() != null) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
        .end(body.encode());
  }

  /** A detail longer than any central writes has input in it: only its start is answered. */
  static String capped(String detail) {
    return detail.length() <= MAX_DETAIL_CHARS
        ? detail
        : detail.substring(0, MAX_DETAIL_CHARS) + "… (cut)";
  }

  private static ApiException toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof InfluxUnavailableException unavailable) {
      LOG.warn("{} {}: {}", ctx.request().method(), ctx.request().path(), unavailable.getMessage());
      return ApiException.storageUnavailable(unavailable);
    }
    if (failure instanceof InfluxRejectedException rejected) {
      return new ApiException(
          422, "storage-rejected", "Rejected by storage", rejected.getMessage());
    }
    if (failure instanceof HttpException http) {
      return fromStatus(http.getStatusCode());
    }
    if (failure == null) {
      return fromStatus(ctx.statusCode());
    }
    LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    return new ApiException(500, "internal", "Internal error", "The server failed unexpectedly.");
  }

  /**
   * The problem for a status a library handler failed with. Its own text is never passed on: it may
   * name internals or echo the request.
   */
  private static ApiException fromStatus(int status) {
    return switch (status) {
      case 400 -> ApiException.badRequest("bad-request", "Malformed request.");
      case 401 -> ApiException.unauthorized("Authentication required.");
      case 403 -> ApiException.forbidden("Not allowed.");
      case 404 -> ApiException.notFound("No such resource.");
      case 405 ->
          new ApiException(405, "method-not-allowed", "Method not allowed", "Method not allowed.");
      case 413 ->
          new ApiException(
              413,
              "body-too-large",
              "Payload too large",
              "The request body exceeds the size limit.");
      case 415 ->
          new ApiException(
              415, "unsupported-media-type", "Unsupported media type", "Unsupported content type.");
      default ->
          status >= 400 && status < 500
              ? new ApiException(status, "client-error", "Client error", "Request refused.")
              : new ApiException(
                  500, "internal", "Internal error", "The server failed unexpectedly.");
    };
  }
}
