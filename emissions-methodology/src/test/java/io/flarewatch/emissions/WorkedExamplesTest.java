package io.flarewatch.emissions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reproduces every worked example of the methodology reference (fixture worked-examples.json). */
class WorkedExamplesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final double VOLUME_SCF = 1_000_000;

  static JsonNode fixture() throws IOException {
    try (InputStream in = WorkedExamplesTest.class.getResourceAsStream("worked-examples.json")) {
      return MAPPER.readTree(in);
    }
  }

  static Stream<Arguments> examples() throws IOException {
    JsonNode fixture = fixture();
    List<Arguments> arguments = new ArrayList<>();
    for (JsonNode example : fixture.get("examples")) {
      arguments.add(Arguments.of(example.get("name").asText(), example, fixture));
    }
    return arguments.stream();
  }

  /** Result of one example, with the parameters read from configuration keys. */
  static EmissionsResult compute(JsonNode example, JsonNode fixture) {
    ObjectNode section = MAPPER.createObjectNode();
    section.set("gasComposition", fixture.get(example.get("gas").asText()));
    section.put("compositionSource", "methodology.md worked example");
    ObjectNode flare = section.putObject("flare");
    flare.set("efficiency", example.get("flareEfficiency"));
    flare.put("source", "methodology.md worked example");
    section.putObject("engine").set("type", example.get("engine"));
    section.set("gwp", example.get("gwp"));
    return EmissionsCalculator.compute(VOLUME_SCF, SiteEmissionsParameters.fromJson(section));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void documentedFiguresAreReproducedToTheirPrintedDecimals(
      String name, JsonNode example, JsonNode fixture) {
    Map<String, Double> figures = compute(example, fixture).figures();
    List<Executable> checks = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : example.get("documented").properties()) {
      BigDecimal printed = new BigDecimal(entry.getValue().asText());
      Double actual = figures.get(entry.getKey());
      checks.add(
          () -> {
            assertTrue(actual != null, "figure " + entry.getKey() + " exists");
            BigDecimal rounded =
                new BigDecimal(actual).setScale(printed.scale(), RoundingMode.HALF_EVEN);
            assertEquals(printed, rounded, entry.getKey() + " = " + actual);
          });
    }
    assertAll(name, checks);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exactFiguresArePinned(String name, JsonNode example, JsonNode fixture) {
    Map<String, Double> figures = compute(example, fixture).figures();
    List<Executable> checks = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : example.get("exact").properties()) {
      double expected = new BigDecimal(entry.getValue().asText()).doubleValue();
      checks.add(() -> assertEquals(expected, figures.get(entry.getKey()), entry.getKey()));
    }
    assertAll(name, checks);
  }

  @Test
  void example2AvoidsAboutEighteenPercentOfTheBaseline() throws IOException {
    JsonNode fixture = fixture();
    EmissionsResult result = compute(fixture.get("examples").get(1), fixture);
    double share = result.avoidedShareOfBaseline().orElseThrow();
    assertEquals(0.179, Math.round(share * 1000) / 1000.0);
  }

  @Test
  void everyResultCarriesTheMethodologyAndParameters() throws IOException {
    JsonNode fixture = fixture();
    EmissionsResult result = compute(fixture.get("examples").get(0), fixture);
    assertEquals("flarewatch-epa98w-1.0", result.methodologyId());
    assertEquals("flarewatch-epa98w-1.0", result.parameters().get("methodology"));
    assertEquals("AR6_GWP100_FOSSIL", result.parameters().get("gwp_set"));
    assertEquals("0.98", result.parameters().get("flare_destruction_efficiency"));
    assertEquals("0.962", result.parameters().get("engine_efficiency"));
    assertEquals("default", result.parameters().get("engine_efficiency_basis"));
  }
}
