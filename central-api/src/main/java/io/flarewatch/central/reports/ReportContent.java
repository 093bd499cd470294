package io.flarewatch.central.reports;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A rendered-format-independent report: what was asked, the methodology and every parameter set,
 * units, notes and the rows. Cells are {@link java.math.BigDecimal} (fixed decimals), {@link Long},
 * {@link String} or null (empty).
 *
 * @param title first comment line of the CSV, {@code report} in JSON
 * @param query the request, echoed
 * @param methodologies methodology ids found in the data
 * @param parameterSets label (P1, P2, ...) → the set, in order of first appearance
 * @param units column → unit, for the columns that have one
 * @param notes how figures were derived and anything unusual in the data
 * @param columns column names, stable order
 * @param rows one list of cells per row, in column order
 */
public record ReportContent(
    String title,
    Map<String, String> query,
    List<String> methodologies,
    Map<String, ParameterSet> parameterSets,
    Map<String, String> units,
    List<String> notes,
    List<String> columns,
    List<List<Object>> rows) {

  /** A parameter set and the sites it was used at. */
  public record ParameterSet(List<String> sites, SortedMap<String, String> parameters) {}
}
