package io.flarewatch.dashboards;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flarewatch metrics a PromQL expression (or a {@code label_values} variable query) reads and
 * the labels it selects or groups by, so they can be checked against a real scrape.
 */
final class PromQlNames {

  /** Labels Prometheus adds when it scrapes, not in the exposition itself. */
  static final Set<String> SCRAPE_LABELS = Set.of("instance", "job");

  private static final Pattern METRIC = Pattern.compile("\\b(flarewatch_[a-z0-9_]+)\\b");
  private static final Pattern SELECTOR = Pattern.compile("\\b(flarewatch_[a-z0-9_]+)\\{([^}]*)}");
  private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(?:=~|!~|!=|=)");
  private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\(\\s*(flarewatch_[a-z0-9_]+)\\s*,\\s*(\\w+)\\s*\\)");

  private PromQlNames() {}

  /** Each metric the expression reads, with the labels the expression needs it to have. */
  static Map<String, Set<String>> labelsByMetric(String expression) {
    Map<String, Set<String>> metrics = new LinkedHashMap<>();
    Matcher metric = METRIC.matcher(expression);
    while (metric.find()) {
      metrics.computeIfAbsent(metric.group(1), k -> new LinkedHashSet<>());
    }
    Matcher selector = SELECTOR.matcher(expression);
    while (selector.find()) {
      Matcher label = MATCHER.matcher(selector.group(2));
      while (label.find()) {
        metrics.get(selector.group(1)).add(label.group(1));
      }
    }
    Matcher labelValues = LABEL_VALUES.matcher(expression);
    while (labelValues.find()) {
      metrics.get(labelValues.group(1)).add(labelValues.group(2));
    }
    // a by (...) label must come from the metrics aggregated: required of every metric there
    Matcher grouping = GROUPING.matcher(expression);
    while (grouping.find()) {
      for (String label : grouping.group(1).split(",")) {
        if (!label.isBlank()) {
          metrics.values().forEach(labels -> labels.add(label.strip()));
        }
      }
    }
    return metrics;
  }
}
