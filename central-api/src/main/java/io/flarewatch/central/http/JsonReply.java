package io.flarewatch.central.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** The end of a read: its JSON answered as {@code application/json}, or its failure a problem. */
public final class JsonReply {

  private JsonReply() {}

  /** Answers with the JSON object or array the operation yields; fails the request if it failed. */
  public static <T> Handler<AsyncResult<T>> to(RoutingContext ctx) {
    return result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(Json.encode(result.result()));
    };
  }
}
