package io.flarewatch.central.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetHandlerTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Instant DAY = Instant.parse("2026-11-26T00:00:00Z");

  @Test
  void everySiteIsReadWithoutASiteFilter() {
    String query = FleetHandler.query(null, DAY, NOW);
    assertFalse(query.contains("\"site\" ="), query);
    List<String> statements = Arrays.asList(query.split("; "));
    assertEquals(4, statements.size(), query);
    statements.forEach(s -> assertTrue(s.contains("GROUP BY \"site\""), s));
    assertTrue(
        statements.get(3).contains("WHERE time >= " + DAY.toEpochMilli() + "ms AND"),
        statements.get(3));
  }

  @Test
  void aFewSitesAreNamedInEveryStatement() {
    String query = FleetHandler.query(List.of("a", "b"), DAY, NOW);
    for (String statement : query.split("; ")) {
      assertTrue(statement.contains("WHERE (\"site\" = 'a' OR \"site\" = 'b')"), statement);
    }
  }
}
