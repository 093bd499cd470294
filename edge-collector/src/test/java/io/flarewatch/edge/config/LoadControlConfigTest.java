package io.flarewatch.edge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flarewatch.config.ConfigException;
import io.flarewatch.config.YamlConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadControlConfigTest {

  private static final String EDGE =
      """
      site: well-7
      central: {url: "http://127.0.0.1:8080", token: secret}
      buffer: {path: edge.db}
      """;

  private static final String DEVICES =
      """
      modbus:
        - {id: gen-1, role: GENERATOR, host: 127.0.0.1, registerMap: "classpath:register-maps/flarewatch-sim-generator.json"}
        - {id: fuel, role: GENSET_FUEL_METER, host: 127.0.0.1, registerMap: "classpath:register-maps/flarewatch-sim-gas-meter.json"}
      """;

  private static EdgeConfig parse(String yaml) {
    return YamlConfigReader.parse(EDGE + yaml, EdgeConfig.class);
  }

  private static List<String> problems(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).problems().stream()
        .map(Object::toString)
        .toList();
  }

  @Test
  void absentTheLoopIsOff() {
    assertFalse(parse("").loadControl().enabled());
  }

  @Test
  void onTheRatingIsAllItNeedsAndTheRestHasDefaults() {
    LoadControlConfig loop =
        parse(DEVICES + "loadControl: {enabled: true, ratedKw: 1250}\n").loadControl();

    assertEquals(2.0, loop.marginPercent());
    assertEquals(125.0, loop.addStepKw(), "10 % of the rating");
    assertEquals(20, loop.addIntervalSeconds());
    assertEquals(12.5, loop.hysteresisKw(), "1 % of the rating");
    assertEquals(300, loop.minDwellSeconds());
    assertEquals(LoadControlConfig.Priority.EFFICIENCY, loop.priority());
    assertEquals(1000.0, loop.kwFromGas(9500 / 1.2425), 1e-9, "9,500 Btu/kWh, 1,242.5 Btu/scf");
  }

  @Test
  void theExamplesSectionIsValidAndSaysTheDefaults() throws Exception {
    StringBuilder section = new StringBuilder();
    boolean inSection = false;
    for (String line : Files.readAllLines(Path.of("config/edge.example.yaml"))) {
      inSection = line.startsWith("# loadControl:") || (inSection && line.startsWith("#  "));
      if (inSection) {
        section.append(line.substring(2)).append('\n');
      }
    }

    LoadControlConfig example = parse(DEVICES + section).loadControl();

    assertEquals(
        new LoadControlConfig(
            true, 1250.0, null, null, null, null, null, null, null, null, null, null),
        example,
        "the example spells out the defaults");
  }

  @Test
  void everyBadSettingIsNamed() {
    assertEquals(
        List.of(
            "loadControl.ratedKw: is required when the loop is enabled",
            "loadControl.marginPercent: 60.0 must be 0 to under 50",
            "loadControl.minDwellSeconds: -1 must be 0 to 86400"),
        problems(
            DEVICES + "loadControl: {enabled: true, marginPercent: 60, minDwellSeconds: -1}\n"));
    assertEquals(
        List.of(
            "loadControl.enabled: the load loop needs a modbus device with role GENERATOR (its"
                + " alarms and output)",
            "loadControl.enabled: the load loop needs a gas meter (role GENSET_FUEL_METER or"
                + " FLARE_METER)"),
        problems("loadControl: {enabled: true, ratedKw: 100}\n"));
  }
}
