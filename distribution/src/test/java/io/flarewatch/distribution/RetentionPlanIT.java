package io.flarewatch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.influx.testkit.InfluxTestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/influxdb/retention.influxql on a real InfluxDB: every statement accepted, the policies and
 * continuous queries it names in place, and the emissions rollup adding up the raw points.
 */
class RetentionPlanIT {

  private static final String PLAN = "deploy/influxdb/retention.influxql";
  private static final List<String> QUERIES =
      List.of("generator_1m", "gas_meter_1m", "site_summary_1m", "emissions_1m", "miner_1h");

  private final String database = InfluxTestServer.uniqueDatabase("retention");
  private final InfluxQuery influx = new InfluxQuery(InfluxTestServer.shared(), database);

  @Test
  void everyStatementIsAcceptedAndTheEmissionsRollupAddsUpTheRawPoints() throws Exception {
    String statements =
        Repository.read(PLAN)
            .lines()
            .filter(line -> !line.startsWith("--"))
            .collect(Collectors.joining(" "))
            .replace("\"flarewatch\"", "\"" + database + "\"");
    JsonNode results = influx.post(statements);
    assertEquals(statements.split(";").length, results.size(), results.toString());
    for (JsonNode result : results) {
      assertTrue(result.path("error").isMissingNode(), result.toString());
    }

    Map<String, List<String>> policies = new HashMap<>();
    for (JsonNode row : influx.post("SHOW RETENTION POLICIES").at("/0/series/0/values")) {
      policies.put(row.get(0).asText(), List.of(row.get(1).asText(), row.get(4).asText()));
    }
    assertEquals(List.of("720h0m0s", "true"), policies.get("raw"), policies.toString());
    assertEquals(List.of("9600h0m0s", "false"), policies.get("year"), policies.toString());

    List<String> names = new ArrayList<>();
    for (JsonNode series : influx.post("SHOW CONTINUOUS QUERIES").at("/0/series")) {
      if (series.path("name").asText().equals(database)) {
        series.path("values").forEach(row -> names.add(row.get(0).asText()));
      }
    }
    assertEquals(QUERIES, names);

    // a minute of emissions at 10 s, written to the default policy as central writes it
    long minute = (System.currentTimeMillis() / 60_000 - 10) * 60_000;
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      lines
          .append("emissions,device=fuel,methodology=m,parameter_set=p1,site=s1")
          .append(" avoided_tco2e=0.5,gas_volume_scf=20,interval_seconds=10,spans_outage=0i,")
          .append("volume_resolution_cf=0.01 ")
          .append(minute + i * 10_000L)
          .append('\n');
    }
    influx.write(lines.toString());
    Matcher body =
        Pattern.compile("\"emissions_1m\" ON \"" + database + "\" BEGIN (.+?) END;")
            .matcher(statements);
    assertTrue(body.find(), statements);
    influx.post(
        body.group(1)
            .replace(
                " GROUP BY ",
                " WHERE time >= "
                    + minute
                    + "ms AND time < "
                    + (minute + 60_000)
                    + "ms GROUP BY "));
    JsonNode rollup =
        influx.post(
            "SELECT avoided_tco2e, gas_volume_scf, intervals, interval_seconds, spanned FROM \""
                + database
                + "\".\"year\".\"emissions_1m\"");
    JsonNode row = rollup.at("/0/series/0/values/0");
    assertEquals(3.0, row.get(1).asDouble(), 1e-9, rollup.toString());
    assertEquals(120.0, row.get(2).asDouble(), 1e-9);
    assertEquals(6, row.get(3).asLong());
    assertEquals(60.0, row.get(4).asDouble(), 1e-9);
    assertEquals(6, row.get(5).asLong());
    influx.post("DROP DATABASE \"" + database + "\"");
  }
}
