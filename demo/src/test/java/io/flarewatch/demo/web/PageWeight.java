package io.flarewatch.demo.web;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * What the browser's Navigation and Resource Timing say about the page's load: bytes transferred
 * (compressed, headers included), the app's own JavaScript uncompressed (the chart library apart),
 * and the load time. Printed by the tests, never asserted.
 */
record PageWeight(
    long transferredBytes,
    long appJsBytes,
    long chartLibraryBytes,
    long resources,
    double domContentLoadedMillis,
    double loadMillis) {

  @SuppressWarnings("unchecked")
  static PageWeight of(JavascriptExecutor page) {
    Map<String, Object> figures =
        (Map<String, Object>)
            page.executeScript(
                "const nav = performance.getEntriesByType('navigation')[0];"
                    + "const res = performance.getEntriesByType('resource');"
                    + "let transferred = nav.transferSize, js = 0, chart = 0;"
                    + "for (const r of res) {"
                    + "  transferred += r.transferSize;"
                    + "  if (/uPlot/.test(r.name)) { chart += r.decodedBodySize; }"
                    + "  else if (/\\.js$/.test(r.name)) { js += r.decodedBodySize; }"
                    + "}"
                    + "return {transferred, js, chart, count: res.length + 1,"
                    + " dcl: nav.domContentLoadedEventEnd - nav.startTime,"
                    + " load: nav.loadEventEnd - nav.startTime};");
    return new PageWeight(
        ((Number) figures.get("transferred")).longValue(),
        ((Number) figures.get("js")).longValue(),
        ((Number) figures.get("chart")).longValue(),
        ((Number) figures.get("count")).longValue(),
        ((Number) figures.get("dcl")).doubleValue(),
        ((Number) figures.get("load")).doubleValue());
  }

  /** The resources the page loaded, for the printout. */
  @SuppressWarnings("unchecked")
  static List<String> resources(JavascriptExecutor page) {
    return (List<String>)
        page.executeScript(
            "return performance.getEntriesByType('resource').map(r =>"
                + " new URL(r.name).pathname + ' ' + r.transferSize + ' B sent, '"
                + " + r.decodedBodySize + ' B');");
  }

  String describe(String where) {
    return String.format(
        "page weight (%s, first load, empty cache): %,d bytes transferred in %d requests;"
            + " app JavaScript %,d bytes uncompressed (uPlot %,d bytes besides);"
            + " DOMContentLoaded %.0f ms, load %.0f ms",
        where,
        transferredBytes,
        resources,
        appJsBytes,
        chartLibraryBytes,
        domContentLoadedMillis,
        loadMillis);
  }
}
