package io.flarewatch.emissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Parameter sets: an id from their content alone, the analysis date and uncertainties among the
 * parameters, and the stored description read back into the very same parameters.
 */
class ParameterSetTest {

  private static final String SECTION =
      """
      {"gasComposition": {"CH4": 0.75, "C2H6": 0.12, "C3H8": 0.06, "C4H10": 0.025,
                          "C5+": 0.01, "CO2": 0.02, "N2": 0.015},
       "compositionSource": "Lab analysis, separator outlet",
       "compositionAnalysisDate": "2026-04-02",
       "flare": {"efficiency": 0.911, "source": "Plant et al. 2022", "unlitFraction": 0.02},
       "engine": {"type": "FOUR_STROKE_LEAN_BURN"},
       "pressureBasePsia": 14.73,
       "uncertainty": {"meterRelative": 0.01, "compositionRelative": 0.02,
                       "flareEfficiency": 0.03, "engineEfficiency": 0.005}}
      """;

  private static ObjectNode section() throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(SECTION);
  }

  @Test
  void theIdIsTheFirstTwelveHexDigitsOfSha256OverSortedKeyValueLines() throws Exception {
    SiteEmissionsParameters p = SiteEmissionsParameters.fromJson(section());
    StringBuilder lines = new StringBuilder();
    for (var e : new TreeMap<>(p.describe()).entrySet()) {
      lines.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(lines.toString().getBytes(StandardCharsets.UTF_8)))
            .substring(0, 12);
    assertEquals(expected, p.id());
    assertTrue(p.id().matches("[0-9a-f]{12}"), p.id());
    assertEquals(p.id(), SiteEmissionsParameters.fromJson(section()).id(), "same content, same id");
  }

  @Test
  void anyChangedParameterChangesTheId() throws Exception {
    String id = SiteEmissionsParameters.fromJson(section()).id();
    ObjectNode newAnalysis = section();
    newAnalysis.put("compositionAnalysisDate", "2026-07-01");
    ObjectNode newMeter = section();
    ((ObjectNode) newMeter.get("uncertainty")).put("meterRelative", 0.005);
    ObjectNode newBase = section();
    newBase.put("pressureBasePsia", 14.7);
    for (ObjectNode changed : List.of(newAnalysis, newMeter, newBase)) {
      assertNotEquals(id, SiteEmissionsParameters.fromJson(changed).id(), changed.toString());
    }
  }

  @Test
  void analysisDateAndUncertaintiesAreParameters() throws Exception {
    SiteEmissionsParameters p = SiteEmissionsParameters.fromJson(section());
    assertEquals(LocalDate.of(2026, 4, 2), p.compositionAnalysisDate());
    SortedMap<String, String> d = p.describe();
    assertEquals("2026-04-02", d.get("composition_analysis_date"));
    assertEquals("0.01", d.get("uncertainty_meter_relative"));
    assertEquals("0.02", d.get("uncertainty_composition_relative"));
    assertEquals("0.03", d.get("uncertainty_flare_efficiency"));
    assertEquals("0.005", d.get("uncertainty_engine_efficiency"));
    assertEquals("0", d.get("uncertainty_unlit_fraction"));
  }

  @Test
  void badAnalysisDatesAndUncertaintiesNameTheKey() throws Exception {
    ObjectNode date = section();
    date.put("compositionAnalysisDate", "02/04/2026");
    assertEquals(
        "emissions.compositionAnalysisDate: \"02/04/2026\" is not a date like 2026-04-02",
        assertThrows(
                InvalidEmissionsParametersException.class,
                () -> SiteEmissionsParameters.fromJson(date))
            .getMessage());
    ObjectNode missing = section();
    ((ObjectNode) missing.get("uncertainty")).remove("engineEfficiency");
    assertEquals(
        "emissions.uncertainty.engineEfficiency: is required (a number)",
        assertThrows(
                InvalidEmissionsParametersException.class,
                () -> SiteEmissionsParameters.fromJson(missing))
            .getMessage());
    ObjectNode percent = section();
    ((ObjectNode) percent.get("uncertainty")).put("meterRelative", 1.0);
    assertEquals(
        "emissions.uncertainty.meterRelative: 1 is outside [0, 0.5]",
        assertThrows(
                InvalidEmissionsParametersException.class,
                () -> SiteEmissionsParameters.fromJson(percent))
            .getMessage());
    ObjectNode twoLines = section();
    twoLines.put("compositionSource", "lab\nanalysis");
    assertTrue(
        assertThrows(
                InvalidEmissionsParametersException.class,
                () -> SiteEmissionsParameters.fromJson(twoLines))
            .getMessage()
            .startsWith("emissions.compositionSource: must be one line"));
  }

  @Test
  void theStoredDescriptionReadsBackIntoTheSameParametersInEveryForm() throws Exception {
    ObjectNode single = section();
    ObjectNode tier = section();
    ((ObjectNode) tier.get("flare")).remove(List.of("efficiency", "source"));
    ((ObjectNode) tier.get("flare")).put("tier", 2);
    ObjectNode measured = section();
    ((ObjectNode) measured.get("flare")).remove("efficiency");
    ((ObjectNode) measured.get("flare")).put("combustionEfficiency", 0.955);
    ((ObjectNode) measured.get("engine")).put("measuredEfficiency", 0.975);
    ((ObjectNode) measured.get("engine")).put("source", "performance test");
    measured.remove(List.of("uncertainty", "compositionAnalysisDate"));
    for (ObjectNode s : List.of(single, tier, measured)) {
      SiteEmissionsParameters p = SiteEmissionsParameters.fromJson(s);
      SiteEmissionsParameters back = SiteEmissionsParameters.fromDescription(p.describe());
      assertEquals(p, back, s.toString());
      assertEquals(
          EmissionsCalculator.compute(1234.56, p), EmissionsCalculator.compute(1234.56, back));
    }
  }

  @Test
  void aDescriptionThatDoesNotDescribeItselfIsRefused() throws Exception {
    SortedMap<String, String> d = SiteEmissionsParameters.fromJson(section()).describe();
    SortedMap<String, String> wrongGwp = new TreeMap<>(d);
    wrongGwp.put("gwp_ch4", "30");
    assertEquals(
        "gwp_ch4: is \"30\" but the parameters it describes give \"29.8\"",
        assertThrows(
                InvalidEmissionsParametersException.class,
                () -> SiteEmissionsParameters.fromDescription(wrongGwp))
            .getMessage());
    SortedMap<String, String> otherMethod = new TreeMap<>(d);
    otherMethod.put("methodology", "flarewatch-epa98w-0.9");
    assertThrows(
        InvalidEmissionsParametersException.class,
        () -> SiteEmissionsParameters.fromDescription(otherMethod));
    SortedMap<String, String> extra = new TreeMap<>(d);
    extra.put("colour", "red");
    assertEquals(
        "colour: is \"red\" but the parameters it describes give no such key",
        assertThrows(
                InvalidEmissionsParametersException.class,
                () -> SiteEmissionsParameters.fromDescription(extra))
            .getMessage());
  }

  @Test
  void theRegulatoryDefaultIsTierOne() {
    FlareEfficiency regulatory = FlareEfficiency.regulatoryDefault();
    assertEquals("0.98", regulatory.destruction().toPlainString());
    assertEquals("0.965", regulatory.combustion().toPlainString());
    assertEquals("DEFAULT_TIER", regulatory.form());
  }
}
