package io.flarewatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows the field names of a panel's table results through its transformations, as Grafana does,
 * and reports every name a transformation or a field override looks for and does not find.
 */
final class FieldNames {

  private FieldNames() {}

  /**
   * @param panel the panel
   * @param names the fields its queries returned: {@code Time}, the columns and the tag keys
   * @return the problems, empty when every name is found
   */
  static List<String> problems(JsonNode panel, Set<String> names) {
    List<String> problems = new ArrayList<>();
    Set<String> fields = new LinkedHashSet<>(names);
    for (JsonNode t : panel.path("transformations")) {
      JsonNode options = t.path("options");
      String id = t.path("id").asText();
      switch (id) {
        case "organize" -> {
          options
              .path("excludeByName")
              .fieldNames()
              .forEachRemaining(n -> require(problems, fields, n, id));
          List<String[]> renames = new ArrayList<>();
          options
              .path("renameByName")
              .properties()
              .forEach(
                  e -> {
                    require(problems, fields, e.getKey(), id);
                    renames.add(new String[] {e.getKey(), e.getValue().asText()});
                  });
          options.path("excludeByName").fieldNames().forEachRemaining(fields::remove);
          for (String[] rename : renames) {
            if (fields.remove(rename[0])) {
              fields.add(rename[1]);
            }
          }
        }
        case "joinByField" -> require(problems, fields, options.path("byField").asText(), id);
        case "formatTime" -> require(problems, fields, options.path("timeField").asText(), id);
        case "calculateField" -> {
          JsonNode binary = options.path("binary");
          require(problems, fields, binary.path("left").asText(), id);
          require(problems, fields, binary.path("right").asText(), id);
          fields.add(options.path("alias").asText());
        }
        case "groupBy" -> {
          Set<String> grouped = new LinkedHashSet<>();
          options
              .path("fields")
              .properties()
              .forEach(
                  e -> {
                    require(problems, fields, e.getKey(), id);
                    if (e.getValue().path("operation").asText().equals("groupby")) {
                      grouped.add(e.getKey());
                    }
                    e.getValue()
                        .path("aggregations")
                        .forEach(calc -> grouped.add(e.getKey() + " (" + calc.asText() + ")"));
                  });
          fields.clear();
          fields.addAll(grouped);
        }
        case "merge" -> {}
        default -> problems.add("transformation " + id + " is not followed by this check");
      }
    }
    for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
      JsonNode matcher = override.path("matcher");
      if (matcher.path("id").asText().equals("byName")) {
        require(problems, fields, matcher.path("options").asText(), "override");
      }
    }
    return problems;
  }

  private static void require(List<String> problems, Set<String> fields, String name, String by) {
    if (!fields.contains(name)) {
      problems.add(by + " names field '" + name + "', not among " + fields);
    }
  }
}
