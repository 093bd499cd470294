package io.flarewatch.central.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Renders a {@link ReportContent} to bytes that depend only on the content: no generation time, a
 * fixed record separator, and numbers already fixed to their decimals.
 */
public final class ReportRenderer {

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setRecordSeparator("\n").setCommentMarker('#').get();

  private ReportRenderer() {}

  public static byte[] render(ReportContent content, ReportFormat format) {
    return switch (format) {
      case CSV -> csv(content).getBytes(StandardCharsets.UTF_8);
      case JSON -> json(content).encodePrettily().getBytes(StandardCharsets.UTF_8);
    };
  }

  static String csv(ReportContent content) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      printer.printComment(content.title());
      StringBuilder query = new StringBuilder("query:");
      content.query().forEach((k, v) -> query.append(' ').append(k).append('=').append(v));
      printer.printComment(query.toString());
      printer.printComment(
          "methodology: "
              + (content.methodologies().isEmpty()
                  ? "(no emissions data in range)"
                  : String.join(", ", content.methodologies())));
      for (Map.Entry<String, ReportContent.ParameterSet> set : content.parameterSets().entrySet()) {
        printer.printComment(
            "parameter set "
                + set.getKey()
                + " (sites: "
                + String.join(", ", set.getValue().sites())
                + "):");
        set.getValue().parameters().forEach((k, v) -> printComment(printer, "  " + k + " = " + v));
      }
      printer.printComment("units:");
      content.units().forEach((k, v) -> printComment(printer, "  " + k + " = " + v));
      for (String note : content.notes()) {
        printer.printComment("note: " + note);
      }
      printer.printRecord(content.columns());
      for (var row : content.rows()) {
        printer.printRecord(row.stream().map(ReportRenderer::cell).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void printComment(CSVPrinter printer, String line) {
    try {
      printer.printComment(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
  }

  static JsonObject json(ReportContent content) {
    JsonObject sets = new JsonObject();
    content
        .parameterSets()
        .forEach(
            (label, set) -> {
              JsonObject parameters = new JsonObject();
              set.parameters().forEach(parameters::put);
              sets.put(
                  label,
                  new JsonObject()
                      .put("sites", new JsonArray(set.sites()))
                      .put("parameters", parameters));
            });
    JsonObject query = new JsonObject();
    content.query().forEach(query::put);
    JsonObject units = new JsonObject();
    content.units().forEach(units::put);
    JsonArray rows = new JsonArray();
    for (var row : content.rows()) {
      JsonObject json = new JsonObject();
      for (int c = 0; c < content.columns().size(); c++) {
        json.put(content.columns().get(c), row.get(c));
      }
      rows.add(json);
    }
    return new JsonObject()
        .put("report", content.title())
        .put("query", query)
        .put("methodologies", new JsonArray(content.methodologies()))
        .put("parameterSets", sets)
        .put("units", units)
        .put("notes", new JsonArray(content.notes()))
        .put("columns", new JsonArray(content.columns()))
        .put("rows", rows);
  }
}
