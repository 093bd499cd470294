package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.flarewatch.drivers.modbus.RegisterDefinition;
import io.flarewatch.drivers.modbus.RegisterMap;
import io.flarewatch.drivers.modbus.RegisterMapLoader;
import io.flarewatch.drivers.modbus.RegisterType;
import io.flarewatch.drivers.modbus.ShippedRegisterMaps;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generator serves each shipped register map: every entry answers its own function code, the
 * values the physics models are served (within the entry's resolution), strings carry the device's
 * identity. Read with j2mod, an independent client.
 */
class ShippedMapsServedTest {

  static Stream<String> maps() {
    return ShippedRegisterMaps.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maps")
  void generatorServesEveryEntryOfTheMap(String resource) throws Exception {
    SimulatorConfig base = SimHarness.config(4, 21);
    SimulatorConfig config =
        base.withModbus(base.modbus().withRegisterMap(SimulatorConfig.GENERATOR, resource));
    RegisterMap map = RegisterMapLoader.fromResource(resource);
    try (SimHarness h = new SimHarness(config)) {
      h.tick(20);
      ModbusEndpoint e = h.sim.generator();
      assertEquals(resource, e.registerMap());
      Map<String, Double> state = h.sim.snapshot().generator().registerValues();
      ModbusTCPMaster master = new ModbusTCPMaster(e.host(), e.port(), 5000, false);
      master.setRetries(0);
      master.connect();
      try {
        for (RegisterDefinition r : map.registers()) {
          int unit = e.unitId();
          switch (r.function()) {
            case HOLDING -> master.readMultipleRegisters(unit, r.address(), r.size());
            case INPUT -> master.readInputRegisters(unit, r.address(), r.size());
            case COIL -> master.readCoils(unit, r.address(), 1);
            case DISCRETE -> master.readInputDiscretes(unit, r.address(), 1);
          }
          List<ServedRegisters> served = h.sim.groundTruth().registerReadings("generator");
          ServedRegisters last = served.get(served.size() - 1);
          assertEquals(r.function().functionCode(), last.functionCode(), r.name());
          if (r.type() == RegisterType.STRING) {
            String identity = "SIM generator";
            assertEquals(
                identity.substring(0, Math.min(identity.length(), 2 * r.size())),
                last.texts().get(r.name()),
                r.name());
            continue;
          }
          Double modelled = state.get(r.name());
          if (modelled != null) {
            double resolution =
                r.type() == RegisterType.FLOAT32
                    ? Math.abs(modelled) * 1e-6
                    : r.scale().doubleValue() / 2;
            assertEquals(modelled, last.values().get(r.name()), resolution + 1e-9, r.name());
          } else {
            assertTrue(
                last.values().containsKey(r.name()) || !r.invalid().isEmpty(),
                r.name() + " served as a number");
          }
          r.bits().forEach(b -> assertTrue(last.values().containsKey(b.name()), b.name()));
        }
      } finally {
        master.disconnect();
      }
      assertTrue(
          map.register("power_kw").isEmpty() || state.get("power_kw") > 0,
          "the generator is producing power");
    }
  }
}
