package io.flarewatch.central.reports;

import io.flarewatch.central.http.ApiException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A report's row period, in UTC calendar days, months or years. */
public enum ReportPeriod {
  DAY,
  MONTH,
  YEAR;

  /** A period within a report's range: calendar bounds clipped to the requested range. */
  public record Span(Instant start, Instant end) {
    public long seconds() {
      return end.getEpochSecond() - start.getEpochSecond();
    }

    public boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  public static ReportPeriod parse(String value) {
    if (value == null) {
      return DAY;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "invalid-parameter",
          "Query parameter 'period' must be day, month or year; got '" + value + "'.");
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The start of the UTC period holding {@code t}. */
  public Instant floor(Instant t) {
    ZonedDateTime day = t.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    return switch (this) {
      case DAY -> day.toInstant();
      case MONTH -> day.withDayOfMonth(1).toInstant();
      case YEAR -> day.withDayOfYear(1).toInstant();
    };
  }

  /** The start of the next UTC period after the one starting at {@code periodStart}. */
  public Instant next(Instant periodStart) {
    ZonedDateTime start = periodStart.atZone(ZoneOffset.UTC);
    return switch (this) {
      case DAY -> start.plusDays(1).toInstant();
      case MONTH -> start.plusMonths(1).toInstant();
      case YEAR -> start.plusYears(1).toInstant();
    };
  }

  /** The periods covering [from, to), the first and last clipped to the range. */
  public List<Span> spans(Instant from, Instant to) {
    List<Span> spans = new ArrayList<>();
    for (Instant start = floor(from); start.isBefore(to); start = next(start)) {
      Instant end = next(start);
      spans.add(new Span(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end));
    }
    return spans;
  }
}
