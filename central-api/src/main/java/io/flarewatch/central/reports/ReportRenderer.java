package io.flarewatch.central.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Renders a {@link ReportContent} to bytes that depend only on the content: no generation time, a
 * fixed record separator, numbers already rounded. The CSV is the table alone (a header row, then
 * data rows) so any reader loads it; what the table means is in its CSVW metadata ({@link
 * CsvwMetadata}) or, with the rows, in the JSON form.
 */
public final class ReportRenderer {

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private ReportRenderer() {}

  /**
   * The report in {@code format}.
   *
   * @param csvUrl the URL of the CSV form, relative to the CSVW metadata's (used by CSVW)
   */
  public static byte[] render(ReportContent content, ReportFormat format, String csvUrl) {
    return switch (format) {
      case CSV -> csv(content);
      case CSVW ->
          CsvwMetadata.of(content, csvUrl, csv(content))
              .encodePrettily()
              .getBytes(StandardCharsets.UTF_8);
      case JSON -> json(content).encodePrettily().getBytes(StandardCharsets.UTF_8);
    };
  }

  static byte[] csv(ReportContent content) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      printer.printRecord(content.columnNames());
      for (List<Object> row : content.rows()) {
        printer.printRecord(row.stream().map(ReportRenderer::cell).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
  }

  static JsonObject json(ReportContent content) {
    JsonObject sets = new JsonObject();
    content.parameterSets().forEach((id, set) -> sets.put(id, CsvwMetadata.setJson(set)));
    JsonObject query = new JsonObject();
    content.query().forEach(query::put);
    JsonObject units = new JsonObject();
    content.columns().forEach(c -> units.put(c.name(), c.unit()));
    JsonArray rows = new JsonArray();
    for (List<Object> row : content.rows()) {
      JsonObject json = new JsonObject();
      for (int c = 0; c < content.columns().size(); c++) {
        json.put(content.columns().get(c).name(), row.get(c));
      }
      rows.add(json);
    }
    return new JsonObject()
        .put("report", content.title())
        .put("query", query)
        .put("methodologies", new JsonArray(content.methodologies()))
        .put("parameterSets", sets)
        .put("columns", new JsonArray(content.columnNames()))
        .put("units", units)
        .put("notes", new JsonArray(content.notes()))
        .put("rows", rows);
  }
}
