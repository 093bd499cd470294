package io.flarewatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static checks of the dashboards against the provisioned data sources, each problem named with its
 * file and panel: what Grafana would otherwise show as a broken panel or silently mis-render.
 */
final class DashboardChecks {

  /** Schema versions current Grafana (11, 12) loads as they are; 39 is Grafana 10.4 and 11.0. */
  static final int MIN_SCHEMA_VERSION = 39;

  static final int MAX_SCHEMA_VERSION = 42;

  /** Grafana's built-in annotation source. */
  private static final String GRAFANA_BUILT_IN = "-- Grafana --";

  /** Transformations that name the fields they work on. */
  private static final Set<String> NAMING_TRANSFORMATIONS =
      Set.of("joinByField", "calculateField", "groupBy", "formatTime");

  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> datasourceTypes = new HashMap<>();

  private DashboardChecks(List<JsonNode> datasources) {
    for (JsonNode datasource : datasources) {
      datasourceTypes.put(datasource.path("uid").asText(), datasource.path("type").asText());
    }
  }

  static List<String> problems(List<Dashboard> dashboards, List<JsonNode> datasources) {
    DashboardChecks checks = new DashboardChecks(datasources);
    checks.uniqueUids(dashboards);
    for (Dashboard dashboard : dashboards) {
      checks.schemaVersion(dashboard);
      checks.panelIds(dashboard);
      checks.datasourceReferences(dashboard, dashboard.json(), "");
      checks.variables(dashboard);
      checks.queries(dashboard);
      checks.namedFieldsComeFromTables(dashboard);
    }
    return checks.problems;
  }

  private void uniqueUids(List<Dashboard> dashboards) {
    Map<String, String> seen = new HashMap<>();
    for (Dashboard dashboard : dashboards) {
      String uid = dashboard.uid();
      if (uid.isEmpty() || uid.length() > 40) {
        problems.add(dashboard.file() + ": uid '" + uid + "' must have 1 to 40 characters");
      }
      String other = seen.put(uid, dashboard.file());
      if (other != null) {
        problems.add(dashboard.file() + ": uid '" + uid + "' is also the uid of " + other);
      }
    }
  }

  private void schemaVersion(Dashboard dashboard) {
    JsonNode version = dashboard.json().path("schemaVersion");
    if (!version.isInt()
        || version.asInt() < MIN_SCHEMA_VERSION
        || version.asInt() > MAX_SCHEMA_VERSION) {
      problems.add(
          dashboard.file()
              + ": schemaVersion "
              + version
              + " is not in "
              + MIN_SCHEMA_VERSION
              + ".."
              + MAX_SCHEMA_VERSION);
    }
  }

  private void panelIds(Dashboard dashboard) {
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.panels()) {
      String title = panel.path("title").asText();
      if (!panel.path("id").isInt()) {
        problems.add(dashboard.file() + ": panel '" + title + "' has no numeric id");
      } else if (!ids.add(panel.path("id").asInt())) {
        problems.add(
            dashboard.file()
                + ": panel id "
                + panel.path("id")
                + " ('"
                + title
                + "') is not unique");
      }
    }
  }

  /** Every {@code datasource} object anywhere names a provisioned data source by uid and type. */
  private void datasourceReferences(Dashboard dashboard, JsonNode node, String path) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              field -> {
                String at = path + "/" + field.getKey();
                if (field.getKey().equals("datasource")) {
                  datasource(dashboard, field.getValue(), at);
                } else {
                  datasourceReferences(dashboard, field.getValue(), at);
                }
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        datasourceReferences(dashboard, node.get(i), path + "/" + i);
      }
    }
  }

  private void datasource(Dashboard dashboard, JsonNode reference, String at) {
    String uid = reference.path("uid").asText();
    String type = reference.path("type").asText();
    if (uid.equals(GRAFANA_BUILT_IN) && type.equals("grafana")) {
      return;
    }
    if (!reference.isObject() || !datasourceTypes.containsKey(uid)) {
      problems.add(
          dashboard.file()
              + " "
              + at
              + ": "
              + reference
              + " names no provisioned data source (uids: "
              + datasourceTypes.keySet()
              + ")");
    } else if (!datasourceTypes.get(uid).equals(type)) {
      problems.add(
          dashboard.file()
              + " "
              + at
              + ": data source '"
              + uid
              + "' is of type "
              + datasourceTypes.get(uid)
              + ", not "
              + type);
    }
  }

  /** Variables are defined before a variable query uses them, and only once. */
  private void variables(Dashboard dashboard) {
    Set<String> defined = new HashSet<>();
    for (JsonNode variable : dashboard.variables()) {
      String name = variable.path("name").asText();
      String query = Dashboard.variableQuery(variable);
      for (String used : GrafanaInterpolation.references(query)) {
        if (!defined.contains(used)) {
          problems.add(
              dashboard.file()
                  + ": variable $"
                  + name
                  + " uses $"
                  + used
                  + ", not defined before it");
        }
      }
      if (!defined.add(name)) {
        problems.add(dashboard.file() + ": variable $" + name + " is defined twice");
      }
      if (isInfluxQl(variable.path("datasource"))) {
        shape(dashboard.file() + " variable $" + name, query);
        regexForm(dashboard.file() + " variable $" + name, query);
      }
    }
  }

  private void queries(Dashboard dashboard) {
    Set<String> defined = new HashSet<>();
    dashboard.variables().forEach(v -> defined.add(v.path("name").asText()));
    for (Dashboard.Target target : dashboard.targets()) {
      for (String used : GrafanaInterpolation.references(target.text())) {
        if (!defined.contains(used) && !GrafanaInterpolation.MACROS.contains(used)) {
          problems.add(target.describe() + ": $" + used + " is no variable of the dashboard");
        }
      }
      if (target.text().isBlank()) {
        problems.add(target.describe() + ": empty query");
      }
      if (target.influxQl()) {
        shape(target.describe(), target.text());
        regexForm(target.describe(), target.text());
        if (!target.text().contains("$timeFilter")) {
          problems.add(target.describe() + ": no $timeFilter, so it reads all of history");
        }
      }
    }
  }

  /**
   * A variable in InfluxQL stands in a regex, {@code =~ /^$site$/}: the form that still matches
   * when several values or All are chosen.
   */
  private void regexForm(String where, String query) {
    for (String used : GrafanaInterpolation.references(query)) {
      if (GrafanaInterpolation.MACROS.contains(used)) {
        continue;
      }
      String stripped = query.replace("=~ /^$" + used + "$/", "");
      if (GrafanaInterpolation.references(stripped).contains(used)) {
        problems.add(where + ": use $" + used + " only as =~ /^$" + used + "$/");
      }
    }
  }

  private void shape(String where, String query) {
    try {
      InfluxQlShape.of(query);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
    }
  }

  /** Transformations find fields by name only in table results, where names are the columns. */
  private void namedFieldsComeFromTables(Dashboard dashboard) {
    for (JsonNode panel : dashboard.panels()) {
      boolean naming = false;
      for (JsonNode transformation : panel.path("transformations")) {
        naming |= NAMING_TRANSFORMATIONS.contains(transformation.path("id").asText());
      }
      if (!naming) {
        continue;
      }
      for (Dashboard.Target target : dashboard.targets()) {
        if (target.panel() == panel
            && target.influxQl()
            && !target.resultFormat().equals("table")) {
          problems.add(
              target.describe()
                  + ": its panel's transformations name fields; use resultFormat table");
        }
      }
    }
  }

  private boolean isInfluxQl(JsonNode datasource) {
    return Dashboard.INFLUXDB.equals(datasourceTypes.get(datasource.path("uid").asText()));
  }
}
