package io.flarewatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InfluxQlShapeTest {

  @Test
  void theOuterSelectOfASubqueryNamesTheColumns() {
    InfluxQlShape shape =
        InfluxQlShape.of(
            "SELECT sum(\"kw\") AS \"kw\" FROM (SELECT last(\"power_kw\") AS \"kw\" FROM \"generator\""
                + " WHERE $timeFilter AND \"site\" =~ /^$site$/ GROUP BY \"site\", \"device\")");
    assertEquals("[kw]", shape.columns().toString());
    assertEquals(List.of(), shape.groupByTags());
  }

  @Test
  void groupByTagsAreTheQuotedKeysBesideTime() {
    InfluxQlShape shape =
        InfluxQlShape.of(
            "SELECT sum(\"interval_seconds\") / 86400 AS \"completeness\", \"x\" FROM \"emissions\""
                + " WHERE $timeFilter GROUP BY time(1d), \"site\", \"role\" fill(0)");
    assertEquals("[completeness, x]", shape.columns().toString());
    assertEquals(List.of("site", "role"), shape.groupByTags());
  }

  @Test
  void aRegexSelectionExpectsItsPrefixedColumns() {
    InfluxQlShape shape =
        InfluxQlShape.of("SELECT last(/^param_/) FROM \"emissions\" WHERE $timeFilter");
    assertTrue(shape.columns().get(0).matches("last_param_gwp_set"));
    assertTrue(!shape.columns().get(0).matches("last_avoided_tco2e"));
  }

  @Test
  void tagValuesAreKeyAndValue() {
    assertEquals(
        "[key, value]",
        InfluxQlShape.of("SHOW TAG VALUES FROM \"miner\" WITH KEY = \"miner\"")
            .columns()
            .toString());
  }

  @Test
  void anUnnamedExpressionIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> InfluxQlShape.of("SELECT mean(\"power_kw\") FROM \"generator\" WHERE $timeFilter"));
  }
}
