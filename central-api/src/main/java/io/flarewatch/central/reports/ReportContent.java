package io.flarewatch.central.reports;

import java.util.List;
import java.util.Map;

/**
 * A rendered-format-independent report: what was asked, the methodology, every parameter set with
 * the period it was in effect, what each column holds, notes and the rows. Cells are {@link
 * java.math.BigDecimal} (already rounded), {@link Long}, {@link String} or null (empty).
 *
 * @param kind {@code emissions} or {@code compliance}, the report's path below {@code
 *     /api/v1/reports/}
 * @param title the report's title
 * @param query the request, echoed, in a stable order (without the format)
 * @param methodologies methodology ids found in the data
 * @param parameterSets every set the rows name, by id in id order
 * @param notes how figures were derived and anything unusual in the data
 * @param columns the columns, in order
 * @param rows one list of cells per row, in column order
 */
public record ReportContent(
    String kind,
    String title,
    Map<String, String> query,
    List<String> methodologies,
    Map<String, ParameterSetCatalogue.Entry> parameterSets,
    List<String> notes,
    List<Column> columns,
    List<List<Object>> rows) {

  /** XSD datatypes the columns use (the names CSVW gives them). */
  public enum Datatype {
    STRING("string"),
    DATE_TIME("dateTime"),
    DECIMAL("decimal"),
    INTEGER("integer");

    private final String csvw;

    Datatype(String csvw) {
      this.csvw = csvw;
    }

    public String csvw() {
      return csvw;
    }
  }

  /**
   * A column.
   *
   * @param name the header and the JSON key
   * @param datatype what its cells parse as
   * @param unit the unit, or null
   * @param description what it holds and how it is computed
   */
  public record Column(String name, Datatype datatype, String unit, String description) {}

  /** Column names, in order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
