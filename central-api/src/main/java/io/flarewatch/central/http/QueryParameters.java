package io.flarewatch.central.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/** Reads a request's query parameters strictly: unknown or repeated ones are 400 problems. */
public final class QueryParameters {

  private final RoutingContext ctx;

  private QueryParameters(RoutingContext ctx) {
    this.ctx = ctx;
  }

  /** Fails with a 400 naming any parameter not in {@code allowed}. */
  public static QueryParameters of(RoutingContext ctx, Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(ctx.queryParams().names());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest(
          "unknown-parameter",
          "Unknown query parameter(s) " + unknown + "; allowed: " + new TreeSet<>(allowed) + ".");
    }
    for (String name : ctx.queryParams().names()) {
      if (ctx.queryParams().getAll(name).size() > 1) {
        throw ApiException.badRequest(
            "repeated-parameter", "Query parameter '" + name + "' is given more than once.");
      }
    }
    return new QueryParameters(ctx);
  }

  /** A required ISO-8601 instant, e.g. {@code 2026-11-01T00:00:00Z}. */
  public Instant instant(String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(
          "missing-parameter", "Query parameter '" + name + "' is required (ISO-8601 instant).");
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid-parameter",
          "Query parameter '"
              + name
              + "' must be an ISO-8601 instant such as 2026-11-01T00:00:00Z; got '"
              + value
              + "'.");
    }
  }
}
