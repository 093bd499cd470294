package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Checks a CSVW metadata document against its table as a CSVW processor would: the context, the
 * table's URL and digest, the dialect, that the header is the schema's columns in order, that every
 * cell parses as its column's datatype (an empty cell is the default null), that the primary key is
 * unique, and that every parameter set a row names is described.
 */
final class CsvwValidation {

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  private CsvwValidation() {}

  static void validate(JsonObject metadata, String metadataPath, byte[] csv, String csvPath)
      throws Exception {
    assertEquals("http://www.w3.org/ns/csvw", metadata.getJsonArray("@context").getString(0));
    URI resolved = URI.create("http://central" + metadataPath).resolve(metadata.getString("url"));
    assertEquals(
        csvPath, resolved.getRawPath() + "?" + resolved.getRawQuery(), "url names the CSV");
    assertEquals(
        java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv)),
        metadata.getString("schema:sha256"));
    assertTrue(metadata.getJsonObject("dialect").getBoolean("header"));
    for (String key : metadata.fieldNames()) {
      assertTrue(
          key.startsWith("@")
              || key.contains(":")
              || Set.of("url", "dialect", "tableSchema").contains(key),
          "a CSVW property or a prefixed common property: " + key);
    }
    JsonArray columns = metadata.getJsonObject("tableSchema").getJsonArray("columns");
    List<String> names = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      JsonObject column = columns.getJsonObject(c);
      names.add(column.getString("name"));
      assertEquals(column.getString("name"), column.getString("titles"));
      assertNotNull(column.getString("dc:description"), column.getString("name"));
    }
    Set<String> described = new HashSet<>();
    JsonArray sets = metadata.getJsonArray("prov:used");
    for (int i = 0; i < sets.size(); i++) {
      described.add(sets.getJsonObject(i).getString("schema:identifier"));
    }
    String text = new String(csv, StandardCharsets.UTF_8);
    assertFalse(text.contains("\r"), "lines end in \\n as the dialect says");
    try (CSVParser parser =
        CSVParser.parse(
            new StringReader(text),
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      assertEquals(names, parser.getHeaderNames(), "the header is the schema's columns");
      List<String> keys =
          metadata.getJsonObject("tableSchema").getJsonArray("primaryKey").getList();
      Set<String> seen = new HashSet<>();
      int rows = 0;
      for (CSVRecord record : parser) {
        rows++;
        assertEquals(names.size(), record.size(), "row " + record.getRecordNumber());
        for (int c = 0; c < names.size(); c++) {
          String cell = record.get(c);
          if (!cell.isEmpty()) {
            parse(columns.getJsonObject(c).getString("datatype"), cell, names.get(c));
          }
        }
        StringBuilder key = new StringBuilder();
        keys.forEach(k -> key.append(record.get(k)).append('|'));
        assertTrue(seen.add(key.toString()), "primary key repeats: " + key);
        String set = record.get("parameter_set");
        assertTrue(set.isEmpty() || described.contains(set), "set described: " + set);
      }
      assertTrue(rows > 0);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void parse(String datatype, String cell, String column) {
    switch (datatype) {
      case "decimal" -> {
        assertTrue(DECIMAL.matcher(cell).matches(), column + ": not an xsd:decimal: " + cell);
        new BigDecimal(cell);
      }
      case "integer" -> {
        assertTrue(INTEGER.matcher(cell).matches(), column + ": not an xsd:integer: " + cell);
        Long.parseLong(cell);
      }
      case "dateTime" -> Instant.parse(cell);
      case "string" -> {}
      default -> throw new AssertionError(column + ": unexpected datatype " + datatype);
    }
  }
}
