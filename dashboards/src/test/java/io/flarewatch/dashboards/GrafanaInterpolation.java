package io.flarewatch.dashboards;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Template variables and macros in query text, and InfluxQL as Grafana's InfluxDB data source sends
 * it once they are replaced.
 */
final class GrafanaInterpolation {

  /** Grafana's global variables these dashboards may use, without their {@code $}. */
  static final Set<String> MACROS =
      Set.of("timeFilter", "__interval", "__interval_ms", "__rate_interval", "__range");

  /** {@code $name}, {@code ${name}} or {@code ${name:format}}, and the old {@code [[name]]}. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");

  /** The time range the tests stand for: the last hour, in 10 s buckets. */
  static final String TIME_FILTER = "time > now() - 1h";

  static final String INTERVAL = "10s";

  private GrafanaInterpolation() {}

  /** Names of the variables and macros the text refers to. */
  static Set<String> references(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      names.add(name(m));
    }
    return names;
  }

  /**
   * The InfluxQL Grafana sends for these variable values: {@code $timeFilter} and {@code
   * $__interval} as above, a variable of one value as that value with regex characters escaped, of
   * several as {@code (a|b)} — the form {@code =~ /^$site$/} is written for.
   */
  static String influxQl(String query, Map<String, List<String>> values) {
    Matcher m = REFERENCE.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = name(m);
      String replacement =
          switch (name) {
            case "timeFilter" -> TIME_FILTER;
            case "__interval" -> INTERVAL;
            case "__interval_ms" -> "10000";
            default -> {
              List<String> chosen = values.get(name);
              if (chosen == null || chosen.isEmpty()) {
                throw new IllegalArgumentException("no value for $" + name + " in " + query);
              }
              yield render(chosen);
            }
          };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String render(List<String> values) {
    List<String> escaped = values.stream().map(GrafanaInterpolation::escapeRegex).toList();
    return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
  }

  /** As Grafana's {@code escapeRegex}: every character special to a regex gets a backslash. */
  static String escapeRegex(String value) {
    return value.replaceAll("[\\\\^$*+?.()|\\[\\]{}/]", "\\\\$0");
  }

  private static String name(Matcher m) {
    return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
  }
}
