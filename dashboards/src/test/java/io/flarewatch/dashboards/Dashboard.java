package io.flarewatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One dashboard file: its panels (rows' panels included), their queries and its variables. */
record Dashboard(String file, JsonNode json) {

  static final String INFLUXDB = "influxdb";
  static final String PROMETHEUS = "prometheus";

  String uid() {
    return json.path("uid").asText();
  }

  /** Every panel, the panels inside rows included. */
  List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  List<JsonNode> variables() {
    List<JsonNode> variables = new ArrayList<>();
    json.path("templating").path("list").forEach(variables::add);
    return variables;
  }

  Optional<JsonNode> variable(String name) {
    return variables().stream().filter(v -> v.path("name").asText().equals(name)).findFirst();
  }

  /** Every query of every panel, with the data source it goes to. */
  List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        JsonNode datasource =
            target.has("datasource") ? target.path("datasource") : panel.path("datasource");
        String text =
            target.has("query") ? target.path("query").asText() : target.path("expr").asText();
        targets.add(
            new Target(
                this,
                panel,
                target.path("refId").asText(),
                datasource.path("type").asText(),
                datasource.path("uid").asText(),
                text,
                target.path("resultFormat").asText("time_series")));
      }
    }
    return targets;
  }

  /** The query text of a variable, whether stored as a string or as a query object. */
  static String variableQuery(JsonNode variable) {
    JsonNode query = variable.path("query");
    return query.isObject() ? query.path("query").asText() : query.asText();
  }

  /** One query of a panel. */
  record Target(
      Dashboard dashboard,
      JsonNode panel,
      String refId,
      String datasourceType,
      String datasourceUid,
      String text,
      String resultFormat) {

    String describe() {
      return dashboard.file()
          + " panel "
          + panel.path("id").asInt()
          + " '"
          + panel.path("title").asText()
          + "' query "
          + refId;
    }

    boolean influxQl() {
      return datasourceType.equals(INFLUXDB);
    }
  }
}
