package io.flarewatch.central.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flarewatch.central.commands.EdgeReports.Counts;
import io.flarewatch.central.commands.EdgeReports.Event;
import io.flarewatch.central.commands.EdgeReports.MinerStep;
import io.flarewatch.wire.command.CommandRefusedException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What central takes from the edge's points: whole points only, reasons of the closed list. */
class EdgeReportsTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final Counts NO_COUNTS = new Counts(null, null, null, null);
  private static final Counts COUNTS = new Counts(4L, 4L, 0L, 0L);

  private static Event event(String state, String reason, Counts counts) {
    return new Event(T0, "c-1", state, reason, null, counts);
  }

  @Test
  void aRowMissingAFieldItsPointAlwaysHasIsAPointStillBeingWritten() {
    assertFalse(event(null, null, COUNTS).whole(), "the counts of a final event, not its state");
    assertFalse(event("succeeded", null, NO_COUNTS).whole(), "a final state, not its counts");
    assertFalse(
        event("failed", null, new Counts(4L, 0L, null, 0L)).whole(), "some of the counts only");
    assertFalse(event("rejected", null, NO_COUNTS).whole(), "a rejection, not its reason");
    assertTrue(event("delivered", null, NO_COUNTS).whole());
    assertTrue(event("canceled", null, NO_COUNTS).whole());
    assertTrue(event("partially_succeeded", null, COUNTS).whole());
    assertTrue(event("rejected", "expired", NO_COUNTS).whole());

    assertFalse(step(null, 1L).whole(), "the read-back of an outcome, not the outcome");
    assertFalse(step("confirmed", null).whole(), "an outcome, not its attempts");
    assertTrue(step("sent", null).whole());
    assertTrue(step("failed", 3L).whole());
  }

  private static MinerStep step(String outcome, Long attempts) {
    return new MinerStep(T0, "m-1", outcome, "sleeping", null, null, null, attempts);
  }

  @Test
  void aReasonOutsideTheClosedListIsMovedIntoTheDetail() {
    Event known = event("rejected", "already_executing", NO_COUNTS);
    assertSame(known, known.withKnownReason());
    Event unknown =
        new Event(T0, "c-1", "rejected", "quota_exceeded", "too many", NO_COUNTS).withKnownReason();
    assertNull(unknown.reason());
    assertEquals("reason 'quota_exceeded' (not a known code): too many", unknown.detail());
    assertEquals("rejected", unknown.state());
  }

  @Test
  void theOpenApiDocumentAndTheReadmeListExactlyTheRefusalReasons() throws Exception {
    JsonNode document;
    try (InputStream yaml =
        getClass().getClassLoader().getResourceAsStream("openapi/central-api.yaml")) {
      document = new YAMLMapper().readTree(yaml);
    }
    List<String> documented = new ArrayList<>();
    for (JsonNode value : document.at("/components/schemas/RefusalReason/enum")) {
      if (!value.isNull()) {
        documented.add(value.asText());
      }
    }
    assertEquals(CommandRefusedException.REASONS, documented);

    String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
    Matcher list =
        Pattern.compile("`reason` says why, one of the closed list (.*?); a code outside")
            .matcher(readme);
    assertTrue(list.find(), "the README lists the refusal reasons");
    Matcher code = Pattern.compile("`([a-z_]+)`").matcher(list.group(1));
    List<String> inReadme = new ArrayList<>();
    while (code.find()) {
      inReadme.add(code.group(1));
    }
    assertEquals(CommandRefusedException.REASONS, inReadme);
  }
}
