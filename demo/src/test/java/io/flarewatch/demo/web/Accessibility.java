package io.flarewatch.demo.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core (the copy the {@code com.deque.html.axe-core:selenium} jar ships) run in the page: the
 * WCAG 2.x A/AA rules (labels, contrast, names, landmarks, focus order via tabindex). Only the
 * serious and critical violations are returned.
 */
final class Accessibility {

  private static final String AXE = load();

  private Accessibility() {}

  /** Every serious or critical violation on the page now, one line each (rule, impact, nodes). */
  static List<String> seriousViolations(JavascriptExecutor page) {
    page.executeScript(AXE);
    String json =
        (String)
            page.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values:"
                    + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},"
                    + " resultTypes: ['violations']})"
                    + ".then(r => done(JSON.stringify(r.violations)),"
                    + " e => done(JSON.stringify([{id: 'axe-error', impact: 'critical',"
                    + " help: String(e), nodes: []}])));");
    try {
      List<String> serious = new ArrayList<>();
      for (JsonNode violation : new ObjectMapper().readTree(json)) {
        String impact = violation.path("impact").asText();
        if (impact.equals("serious") || impact.equals("critical")) {
          List<String> targets = new ArrayList<>();
          for (JsonNode node : violation.path("nodes")) {
            targets.add(node.path("target").toString());
            if (targets.size() == 5) {
              break;
            }
          }
          serious.add(
              violation.path("id").asText()
                  + " ("
                  + impact
                  + "): "
                  + violation.path("help").asText()
                  + " at "
                  + targets);
        }
      }
      return serious;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String load() {
    try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream("axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe.min.js is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
