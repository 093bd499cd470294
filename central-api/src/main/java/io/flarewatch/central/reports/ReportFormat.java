package io.flarewatch.central.reports;

import io.flarewatch.central.http.ApiException;
import java.util.Locale;

/**
 * How a report is rendered: the table alone as CSV (a header row and data rows, RFC 4180), its W3C
 * CSVW metadata (JSON-LD) that describes that CSV, or both in one JSON document.
 */
public enum ReportFormat {
  CSV("text/csv; charset=utf-8", "csv"),
  CSVW("application/csvm+json", "csv-metadata.json"),
  JSON("application/json", "json");

  private final String contentType;
  private final String extension;

  ReportFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  /**
   * File name extension: {@code csv}, {@code csv-metadata.json} (the CSVW convention), {@code
   * json}.
   */
  public String extension() {
    return extension;
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
          "Query parameter 'format' must be csv, csvw or json; got '" + value + "'.");
    }
  }
}
