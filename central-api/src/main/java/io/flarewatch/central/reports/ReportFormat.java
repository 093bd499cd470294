package io.flarewatch.central.reports;

import io.flarewatch.central.http.ApiException;
import java.util.Locale;

/** How a report is rendered. */
public enum ReportFormat {
  CSV("text/csv; charset=utf-8"),
  JSON("application/json");

  private final String contentType;

  ReportFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public static ReportFormat parse(String value) {
    if (value == null) {
      return CSV;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "invalid-parameter",
          "Query parameter 'format' must be csv or json; got '" + value + "'.");
    }
  }
}
