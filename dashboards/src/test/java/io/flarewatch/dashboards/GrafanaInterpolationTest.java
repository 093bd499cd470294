package io.flarewatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrafanaInterpolationTest {

  private static final String QUERY =
      "SELECT mean(\"hashrate_ths\") AS \"h\" FROM \"miner\" WHERE $timeFilter AND \"site\" =~"
          + " /^$site$/ AND \"miner\" =~ /^${miner}$/ GROUP BY time($__interval)";

  @Test
  void oneValueStandsAloneAndSeveralBecomeAnAlternation() {
    assertEquals(
        "SELECT mean(\"hashrate_ths\") AS \"h\" FROM \"miner\" WHERE time > now() - 1h AND \"site\""
            + " =~ /^west-1$/ AND \"miner\" =~ /^(m-001|m-002)$/ GROUP BY time(10s)",
        GrafanaInterpolation.influxQl(
            QUERY, Map.of("site", List.of("west-1"), "miner", List.of("m-001", "m-002"))));
  }

  @Test
  void regexCharactersAreEscapedAsGrafanaDoes() {
    assertEquals("a\\.b\\/c\\(d\\)", GrafanaInterpolation.escapeRegex("a.b/c(d)"));
  }

  @Test
  void aVariableWithoutValueIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GrafanaInterpolation.influxQl(QUERY, Map.of("site", List.of("west-1"))));
    assertEquals(true, e.getMessage().startsWith("no value for $miner"), e.getMessage());
  }

  @Test
  void referencesFindEveryForm() {
    assertEquals(
        Set.of("timeFilter", "site", "miner", "__interval", "old"),
        GrafanaInterpolation.references(QUERY + " [[old]]"));
  }
}
