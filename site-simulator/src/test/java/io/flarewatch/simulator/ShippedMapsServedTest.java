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
 * Each shipped register map is served by the device of its kind (a generator map by the generator,
 * a gas meter map by the flare-line meter): every entry answers its own function code, the values
 * the physics models are served (within the entry's resolution), strings carry the device's
 * identity. Read with j2mod, an independent client.
 */
class ShippedMapsServedTest {

  static Stream<String> maps() {
    return ShippedRegisterMaps.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maps")
  void deviceOfTheMapsKindServesEveryEntry(String resource) throws Exception {
    RegisterMap map = RegisterMapLoader.fromResource(resource);
    boolean gasMeter = map.device().equals("gas_meter");
    String deviceId = gasMeter ? SimulatorConfig.FLARE_METER : SimulatorConfig.GENERATOR;
    SimulatorConfig base = SimHarness.config(4, 21);
    SimulatorConfig config = base.withModbus(base.modbus().withRegisterMap(deviceId, resource));
    try (SimHarness h = new SimHarness(config)) {
      h.tick(20);
      ModbusEndpoint e = gasMeter ? h.sim.flareMeter() : h.sim.generator();
      assertEquals(resource, e.registerMap());
      SiteSnapshot snapshot = h.sim.snapshot();
      Map<String, Double> state =
          gasMeter ? snapshot.flare().registerValues() : snapshot.generator().registerValues();
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
          List<ServedRegisters> served = h.sim.groundTruth().registerReadings(deviceId);
          ServedRegisters last = served.get(served.size() - 1);
          assertEquals(r.function().functionCode(), last.functionCode(), r.name());
          if (r.type() == RegisterType.STRING) {
            String identity = "SIM " + deviceId;
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
      assertTrue(
          map.register("volume_total_scf").isEmpty() || state.get("volume_total_scf") > 0,
          "the meter serves a totalizer that has counted gas");
    }
  }
}
