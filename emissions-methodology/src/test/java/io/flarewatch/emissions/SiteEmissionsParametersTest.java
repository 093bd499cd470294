package io.flarewatch.emissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading and validating the {@code emissions:} configuration section. */
class SiteEmissionsParametersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String VALID =
      """
      {
        "gasComposition": {"CH4": 0.75, "C2H6": 0.12, "C3H8": 0.06, "C4H10": 0.025,
                           "C5+": 0.01, "CO2": 0.02, "N2": 0.015},
        "compositionSource": "lab analysis 2025-04-02",
        "flare": {"efficiency": 0.98, "source": "EPA default"},
        "engine": {"type": "FOUR_STROKE_LEAN_BURN"}
      }
      """;

  private static ObjectNode valid() {
    try {
      return (ObjectNode) JSON.readTree(VALID);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode flare(ObjectNode section) {
    return (ObjectNode) section.get("flare");
  }

  private static ObjectNode engine(ObjectNode section) {
    return (ObjectNode) section.get("engine");
  }

  private static ObjectNode gas(ObjectNode section) {
    return (ObjectNode) section.get("gasComposition");
  }

  @Test
  void readmeConfigurationExampleIsValid() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    Matcher block = Pattern.compile("```yaml\\n(emissions:.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README holds a yaml block starting with emissions:");
    JsonNode config = new YAMLMapper().readTree(block.group(1));

    SiteEmissionsParameters p = SiteEmissionsParameters.fromJson(config.get("emissions"));

    assertEquals(0.75, p.gasComposition().fraction(GasComponent.CH4));
    assertEquals(0.01, p.gasComposition().fraction(GasComponent.C5_PLUS));
    assertEquals("Lab analysis 2025-04-02, separator outlet", p.compositionSource());
    assertEquals(
        new FlareEfficiency.SingleEfficiency(0.911, "Plant et al., Science 377:1566 (2022)"),
        p.flareEfficiency());
    assertEquals(0.0, p.unlitFraction());
    assertEquals(
        EngineEfficiency.measured(
            EngineType.FOUR_STROKE_LEAN_BURN, 0.975, "Performance test 2025-03-14"),
        p.engine());
    assertEquals(GwpSet.AR6_GWP100_FOSSIL, p.gwpSet());
    assertEquals(14.73, p.pressureBasePsia());
  }

  @Test
  void omittedOptionalKeysTakeTheirDefaults() {
    SiteEmissionsParameters p = SiteEmissionsParameters.fromJson(valid());
    assertEquals(GwpSet.AR6_GWP100_FOSSIL, p.gwpSet());
    assertEquals(14.7, p.pressureBasePsia());
    assertEquals(0.0, p.unlitFraction());
    assertEquals(EngineEfficiency.defaultFor(EngineType.FOUR_STROKE_LEAN_BURN), p.engine());
  }

  @Test
  void nestedMapsWithIntegersAndOmittedComponentsAreRead() {
    Map<String, Object> flare = new LinkedHashMap<>();
    flare.put("tier", 2);
    flare.put("unlitFraction", 0);
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("gasComposition", Map.of("CH4", 1));
    section.put("compositionSource", "pipeline spec");
    section.put("flare", flare);
    section.put("engine", Map.of("type", "gas_turbine"));
    section.put("gwp", "AR5_GWP100");
    section.put("pressureBasePsia", 15.025);

    SiteEmissionsParameters p = SiteEmissionsParameters.fromMap(section);

    assertEquals(1.0, p.gasComposition().fraction(GasComponent.CH4));
    assertEquals(0.0, p.gasComposition().fraction(GasComponent.N2));
    assertEquals(new FlareEfficiency.DefaultTier(2), p.flareEfficiency());
    assertEquals(
        "40 CFR 98.233(n)(1) default flare efficiencies, tier 2", p.flareEfficiency().source());
    assertEquals(EngineType.GAS_TURBINE, p.engine().type());
    assertEquals(GwpSet.AR5_GWP100, p.gwpSet());
    assertEquals(15.025, p.pressureBasePsia());
  }

  @Test
  void measuredCombustionEfficiencyForm() {
    ObjectNode section = valid();
    flare(section).remove("efficiency");
    flare(section).put("combustionEfficiency", 0.965);
    flare(section).put("source", "stack test");
    FlareEfficiency efficiency = SiteEmissionsParameters.fromJson(section).flareEfficiency();
    assertInstanceOf(FlareEfficiency.MeasuredCombustion.class, efficiency);
    assertEquals(new BigDecimal("0.980"), efficiency.destruction());
  }

  @Test
  void parametersDescribeEveryValueForAuditors() {
    ObjectNode section = valid();
    flare(section).put("unlitFraction", 0.03);
    section.put("pressureBasePsia", 14.73);
    Map<String, String> described = SiteEmissionsParameters.fromJson(section).describe();
    assertEquals("SINGLE", described.get("flare_form"));
    assertEquals("0.98", described.get("flare_combustion_efficiency"));
    assertEquals("0.03", described.get("flare_unlit_fraction"));
    assertEquals("EPA default", described.get("flare_source"));
    assertEquals("0.962", described.get("engine_efficiency"));
    assertEquals("lab analysis 2025-04-02", described.get("composition_source"));
    assertEquals("0.025", described.get("composition_c4h10"));
    assertEquals("14.73", described.get("pressure_base_psia"));
    assertEquals("29.8", described.get("gwp_ch4"));
    assertEquals("273", described.get("gwp_n2o"));
  }

  static Stream<Arguments> invalidSections() {
    return Stream.of(
        rule(
            "mole fractions must sum to 1",
            s -> gas(s).put("CH4", 0.737),
            "emissions.gasComposition: mole fractions sum to 0.9870, must be 1 ± 0.005"),
        rule(
            "mole fraction within [0, 1]",
            s -> gas(s).put("CH4", -0.1),
            "emissions.gasComposition.CH4: -0.1 is outside [0, 1]"),
        rule(
            "unknown component",
            s -> gas(s).put("nC4", 0.0),
            "emissions.gasComposition: unknown component \"nC4\"; valid components:"
                + " CH4, C2H6, C3H8, C4H10, C5+, CO2, N2"),
        rule(
            "mole fraction is a number",
            s -> gas(s).put("CH4", "0.75"),
            "emissions.gasComposition.CH4: must be a number, got string \"0.75\""),
        rule(
            "composition required",
            s -> s.remove("gasComposition"),
            "emissions.gasComposition: is required"),
        rule(
            "composition is a map",
            s -> s.putArray("gasComposition").add(0.75),
            "emissions.gasComposition: must be a map of keys to values, got array [0.75]"),
        rule(
            "composition source required",
            s -> s.remove("compositionSource"),
            "emissions.compositionSource: is required"),
        rule(
            "composition source not empty",
            s -> s.put("compositionSource", " "),
            "emissions.compositionSource: must not be empty"),
        rule(
            "flare efficiency at most 1",
            s -> flare(s).put("efficiency", 1.2),
            "emissions.flare.efficiency: 1.2 is outside (0, 1]"),
        rule(
            "flare efficiency above 0",
            s -> flare(s).put("efficiency", 0),
            "emissions.flare.efficiency: 0 is outside (0, 1]"),
        rule(
            "flare efficiency present",
            s -> flare(s).putNull("efficiency"),
            "emissions.flare.efficiency: is required (a number)"),
        rule(
            "one flare form required",
            s -> flare(s).remove("efficiency"),
            "emissions.flare: give exactly one of efficiency (single η for destruction and"
                + " combustion), tier (default 1, 2 or 3) or combustionEfficiency (measured η_C)"),
        rule(
            "only one flare form",
            s -> flare(s).put("tier", 1),
            "emissions.flare: give exactly one of efficiency (single η for destruction and"
                + " combustion), tier (default 1, 2 or 3) or combustionEfficiency (measured η_C);"
                + " found efficiency, tier"),
        rule(
            "tier 1 to 3",
            s -> {
              flare(s).remove("efficiency");
              flare(s).put("tier", 4);
            },
            "emissions.flare.tier: 4 is not a default tier; valid: 1 (η_D 0.98, η_C 0.965),"
                + " 2 (η_D 0.95, η_C 0.935), 3 (η_D 0.92, η_C 0.905)"),
        rule(
            "tier a whole number",
            s -> {
              flare(s).remove("efficiency");
              flare(s).put("tier", 1.5);
            },
            "emissions.flare.tier: 1.5 is not a whole number; valid: 1, 2 or 3"),
        rule(
            "measured combustion efficiency at most 0.985",
            s -> {
              flare(s).remove("efficiency");
              flare(s).put("combustionEfficiency", 0.99);
            },
            "emissions.flare.combustionEfficiency: 0.99 + 0.015 gives a destruction efficiency"
                + " above 1; must be in (0, 0.985]"),
        rule(
            "flare source required for a single efficiency",
            s -> flare(s).remove("source"),
            "emissions.flare.source: is required (cite the study or standard)"),
        rule(
            "flare source required for a measured efficiency",
            s -> {
              flare(s).remove("efficiency");
              flare(s).remove("source");
              flare(s).put("combustionEfficiency", 0.95);
            },
            "emissions.flare.source: is required (name the measurement)"),
        rule(
            "unlit fraction within [0, 1]",
            s -> flare(s).put("unlitFraction", 1.5),
            "emissions.flare.unlitFraction: 1.5 is outside [0, 1]"),
        rule(
            "unknown flare key",
            s -> flare(s).put("efficency", 0.98),
            "emissions.flare: unknown key \"efficency\"; valid keys: efficiency, tier,"
                + " combustionEfficiency, source, unlitFraction"),
        rule("flare required", s -> s.remove("flare"), "emissions.flare: is required"),
        rule(
            "engine type known",
            s -> engine(s).put("type", "FOUR_STROKE"),
            "emissions.engine.type: \"FOUR_STROKE\" is not an engine type; valid:"
                + " TWO_STROKE_LEAN_BURN, FOUR_STROKE_LEAN_BURN, FOUR_STROKE_RICH_BURN,"
                + " GAS_TURBINE, OTHER_INTERNAL_COMBUSTION"),
        rule(
            "engine type required",
            s -> engine(s).remove("type"),
            "emissions.engine.type: is required"),
        rule("engine required", s -> s.remove("engine"), "emissions.engine: is required"),
        rule(
            "measured engine efficiency within (0, 1]",
            s -> {
              engine(s).put("measuredEfficiency", 1.1);
              engine(s).put("source", "test");
            },
            "emissions.engine.measuredEfficiency: 1.1 is outside (0, 1]"),
        rule(
            "measured engine efficiency needs a source",
            s -> engine(s).put("measuredEfficiency", 0.97),
            "emissions.engine.source: is required (name the performance test)"),
        rule(
            "engine source only with a measured efficiency",
            s -> engine(s).put("source", "test"),
            "emissions.engine.source: only allowed together with measuredEfficiency"
                + " (the default η cites 98.233(z))"),
        rule(
            "unknown engine key",
            s -> engine(s).put("efficiency", 0.97),
            "emissions.engine: unknown key \"efficiency\"; valid keys: type,"
                + " measuredEfficiency, source"),
        rule(
            "GWP set known",
            s -> s.put("gwp", "AR7"),
            "emissions.gwp: \"AR7\" is not a GWP set; valid: AR6_GWP100_FOSSIL,"
                + " AR6_GWP100_NON_FOSSIL, AR6_GWP20_FOSSIL, AR5_GWP100, AR4_GWP100"),
        rule(
            "GWP set is a text",
            s -> s.put("gwp", 100),
            "emissions.gwp: must be a text, got number 100"),
        rule(
            "pressure base in psia",
            s -> s.put("pressureBasePsia", 101.325),
            "emissions.pressureBasePsia: 101.325 psia is outside the plausible range [13, 16]"
                + " (the value must be in psia, e.g. 14.73)"),
        rule(
            "unknown section key",
            s -> s.put("gwpSet", "AR5_GWP100"),
            "emissions: unknown key \"gwpSet\"; valid keys: gasComposition, compositionSource,"
                + " compositionAnalysisDate, flare, engine, gwp, pressureBasePsia, uncertainty"));
  }

  private static Arguments rule(String name, Consumer<ObjectNode> mutation, String message) {
    return Arguments.of(name, mutation, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSections")
  void invalidSectionIsRejectedNamingTheKey(
      String rule, Consumer<ObjectNode> mutation, String expectedMessage) {
    ObjectNode section = valid();
    mutation.accept(section);
    InvalidEmissionsParametersException e =
        assertThrows(
            InvalidEmissionsParametersException.class,
            () -> SiteEmissionsParameters.fromJson(section));
    assertEquals(expectedMessage, e.getMessage());
    assertTrue(e.path().startsWith("emissions"), e.path());
  }

  @Test
  void missingSectionIsRejected() {
    InvalidEmissionsParametersException e =
        assertThrows(
            InvalidEmissionsParametersException.class, () -> SiteEmissionsParameters.fromMap(null));
    assertEquals("emissions: is required", e.getMessage());
  }

  @Test
  void sectionThatIsNotAMapIsRejected() {
    InvalidEmissionsParametersException e =
        assertThrows(
            InvalidEmissionsParametersException.class,
            () -> SiteEmissionsParameters.fromJson(JSON.getNodeFactory().textNode("none")));
    assertEquals("emissions: must be a map of keys to values, got string \"none\"", e.getMessage());
  }

  @Test
  void rootPathOfErrorsIsChosenByTheCaller() {
    ObjectNode section = valid();
    flare(section).put("efficiency", 1.2);
    assertEquals(
        "sites.well-7.emissions.flare.efficiency: 1.2 is outside (0, 1]",
        assertThrows(
                InvalidEmissionsParametersException.class,
                () -> SiteEmissionsParameters.fromJson(section, "sites.well-7.emissions"))
            .getMessage());
    InvalidEmissionsParametersException bare =
        assertThrows(
            InvalidEmissionsParametersException.class,
            () -> SiteEmissionsParameters.fromJson(section, ""));
    assertEquals("flare.efficiency", bare.path());
    assertEquals("1.2 is outside (0, 1]", bare.problem());
  }

  @Test
  void recordConstructorsValidateToo() {
    GasComposition gas = GasComposition.of(0.75, 0.12, 0.06, 0.025, 0.01, 0.02, 0.015);
    InvalidEmissionsParametersException e =
        assertThrows(
            InvalidEmissionsParametersException.class,
            () ->
                new SiteEmissionsParameters(
                    gas,
                    "lab",
                    new FlareEfficiency.DefaultTier(1),
                    -0.5,
                    EngineEfficiency.defaultFor(EngineType.GAS_TURBINE),
                    GwpSet.AR4_GWP100,
                    14.7));
    assertEquals("flare.unlitFraction: -0.5 is outside [0, 1]", e.getMessage());
    assertEquals(
        "gasComposition: mole fractions sum to 1.1000, must be 1 ± 0.005",
        assertThrows(
                InvalidEmissionsParametersException.class,
                () -> GasComposition.of(0.85, 0.12, 0.06, 0.025, 0.01, 0.02, 0.015))
            .getMessage());
    assertEquals(
        List.of(0.75, 0.12, 0.06, 0.025, 0.01, 0.02, 0.015),
        List.copyOf(gas.moleFractions().values()));
  }
}
