package io.flarewatch.edge.localapp;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request the site-local API refuses, answered as an RFC 9457 problem document ({@code
 * application/problem+json}) by the router's one failure handler, {@link #handle}.
 */
final class LocalProblem extends RuntimeException {

  private static final Logger LOG = LoggerFactory.getLogger(LocalProblem.class);

  final int status;
  final String type;
  final String title;

  LocalProblem(int status, String type, String title, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  static LocalProblem badRequest(String type, String detail) {
    return new LocalProblem(400, type, "Bad request", detail);
  }

  static LocalProblem unauthorized(String detail) {
    return new LocalProblem(401, "unauthorized", "Unauthorized", detail);
  }

  static LocalProblem forbidden(String detail) {
    return new LocalProblem(403, "forbidden", "Forbidden", detail);
  }

  static LocalProblem notFound(String detail) {
    return new LocalProblem(404, "not-found", "Not found", detail);
  }

  /** The router's failure handler: a problem document for every failure, never a stack trace. */
  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    LocalProblem problem;
    if (failure instanceof LocalProblem p) {
      problem = p;
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      problem =
          new LocalProblem(
              ctx.statusCode(), "http-" + ctx.statusCode(), "Refused", "The request was refused.");
    } else {
      LOG.error(
          "site-local API: {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      problem =
          new LocalProblem(500, "internal-error", "Internal error", "The edge could not answer.");
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (problem.status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"flarewatch-site\"");
    }
    ctx.response()
        .setStatusCode(problem.status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
        .end(
            new JsonObject()
                .put("type", "https://flarewatch.io/problems/" + problem.type)
                .put("title", problem.title)
                .put("status", problem.status)
                .put("detail", problem.getMessage())
                .encode());
  }
}
