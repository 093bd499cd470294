package io.flarewatch.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShippedRegisterMapsTest {

  static Stream<String> maps() {
    return ShippedRegisterMaps.all().stream();
  }

  @Test
  void theListNamesEveryFileInTheDirectory() throws Exception {
    Path dir;
    try {
      dir = Path.of(getClass().getClassLoader().getResource("register-maps").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> onDisk =
          files.map(p -> ShippedRegisterMaps.DIRECTORY + p.getFileName()).sorted().toList();
      assertEquals(onDisk, ShippedRegisterMaps.all().stream().sorted().toList());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maps")
  void loadsAndIsReadableInOneRequestPerBlock(String resource) {
    RegisterMap map = RegisterMapLoader.fromResource(resource);

    assertFalse(map.registers().isEmpty());
    assertFalse(ReadPlanner.plan(map).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maps")
  void realControllerMapsNameTheirSource(String resource) throws Exception {
    if (!resource.endsWith(".yaml")) {
      return; // the simulator's own maps are its contract, not a device's
    }
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.startsWith("# "), resource + " starts with a header comment");
      assertTrue(text.contains("\n# Source: "), resource + " names its source");
    }
  }

  @Test
  void generatorMapsCarryTheGeneratorPowerField() {
    for (String resource : ShippedRegisterMaps.all()) {
      RegisterMap map = RegisterMapLoader.fromResource(resource);
      if (map.device().equals("generator")) {
        assertTrue(map.register("power_kw").isPresent(), resource + " has power_kw");
      }
    }
  }

  @Test
  void gasMeterMapsCarryTheFieldsTheEdgeAndCentralRead() {
    List<String> gasMeters =
        ShippedRegisterMaps.all().stream()
            .filter(r -> RegisterMapLoader.fromResource(r).device().equals("gas_meter"))
            .toList();
    assertTrue(gasMeters.contains(ShippedRegisterMaps.CAMERON_SCANNER_2000), gasMeters.toString());
    assertTrue(
        gasMeters.contains(ShippedRegisterMaps.ABB_TOTALFLOW_TEMPLATE), gasMeters.toString());
    assertTrue(
        gasMeters.contains(ShippedRegisterMaps.EMERSON_ROC800_TEMPLATE), gasMeters.toString());
    for (String resource : gasMeters) {
      RegisterMap map = RegisterMapLoader.fromResource(resource);
      // the edge's default totalizer register, in scf; central reads the other three
      assertEquals("scf", map.register("volume_total_scf").orElseThrow().unit(), resource);
      assertEquals("Mscf/d", map.register("flow_rate_mscfd").orElseThrow().unit(), resource);
      assertEquals("psig", map.register("pressure_psig").orElseThrow().unit(), resource);
      assertEquals("degF", map.register("temperature_f").orElseThrow().unit(), resource);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maps")
  void templatesSayTheyAreTemplates(String resource) throws Exception {
    if (!resource.contains("template")) {
      return;
    }
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.contains("TEMPLATE"), resource + " says it is a template in its header");
      assertTrue(
          RegisterMapLoader.fromResource(resource).description().contains("TEMPLATE"),
          resource + " says it is a template in its description");
    }
  }
}
