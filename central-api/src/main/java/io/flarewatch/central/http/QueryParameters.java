package io.flarewatch.central.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/** Reads a request's query parameters strictly: unknown or repeated ones are 400 problems. */
public final class QueryParameters {

  private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

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
          "Unknown query parameter(s) "
              + unknown.stream().map(ApiException::excerpt).toList()
              + "; allowed: "
              + new TreeSet<>(allowed)
              + ".");
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
    String value = required(name, " (ISO-8601 instant).");
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid-parameter",
          "Query parameter '"
              + name
              + "' must be an ISO-8601 instant such as 2026-11-01T00:00:00Z; got "
              + ApiException.quoted(value)
              + ".");
    }
  }

  /**
   * A required UTC date ({@code 2026-01-01}, meaning its midnight) or ISO-8601 instant, between
   * 1970 and 9999, as reports take them.
   */
  public Instant dateOrInstant(String name) {
    String value = required(name, ": a UTC date (2026-01-01) or an ISO instant.");
    try {
      Instant time =
          value.length() == 10
              ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
              : Instant.parse(value);
      if (time.isBefore(Instant.EPOCH) || time.isAfter(LATEST)) {
        throw ApiException.badRequest(
            "invalid-parameter",
            "Query parameter '"
                + name
                + "' must be between 1970 and 9999; got "
                + ApiException.quoted(value)
                + ".");
      }
      return time;
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid-parameter",
          "Query parameter '"
              + name
              + "' must be a UTC date such as 2026-01-01 or an ISO instant such as"
              + " 2026-01-01T00:00:00Z; got "
              + ApiException.quoted(value)
              + ".");
    }
  }

  private String required(String name, String whatItTakes) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(
          "missing-parameter", "Query parameter '" + name + "' is required" + whatItTakes);
    }
    return value;
  }
}
