package io.flarewatch.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadPlannerTest {

  private static RegisterDefinition reg(String name, int address, String function, String type) {
    RegisterType registerType = RegisterType.fromKey(type).orElseThrow();
    RegisterFunction table = RegisterFunction.fromKey(function).orElseThrow();
    return RegisterDefinition.number(
        name, address, table, registerType, table.isBitTable() ? null : ByteOrder.ABCD, 1, 0, "u");
  }

  private static List<String> describe(List<ReadRange> plan) {
    return plan.stream()
        .map(r -> r + " " + r.registers().stream().map(RegisterDefinition::name).toList())
        .toList();
  }

  @Test
  void generatorMapReadsEachContiguousBlockOnce() {
    RegisterMap map = RegisterMapLoader.fromResource("register-maps/flarewatch-sim-generator.json");

    assertEquals(
        List.of(
            "holding 0..7 [power_kw, apparent_power_kva, load_pct, engine_rpm, fuel_flow_scfh]",
            "holding 20..23 [coolant_temp_c, oil_pressure_kpa, frequency_hz, voltage_ll_avg_v]",
            "holding 30..31 [run_hours]",
            "holding 40..41 [status_bits, alarm_bits]"),
        describe(ReadPlanner.plan(map)));
  }

  @Test
  void gasMeterMapRespectsItsCapOfEight() {
    RegisterMap map = RegisterMapLoader.fromResource("register-maps/flarewatch-sim-gas-meter.json");

    assertEquals(
        List.of(
            "input 0..6 [flow_rate_mscfd, volume_total_scf, pressure_psig, temperature_f]",
            "input 10..10 [status_bits]"),
        describe(ReadPlanner.plan(map)));
  }

  @Test
  void splitsContiguousRunsAtTheCap() {
    List<RegisterDefinition> regs =
        List.of(
            reg("r0", 0, "holding", "uint16"),
            reg("r1", 1, "holding", "uint16"),
            reg("r2", 2, "holding", "uint16"),
            reg("r3", 3, "holding", "uint16"),
            reg("r4", 4, "holding", "uint16"));

    assertEquals(
        List.of("holding 0..1 [r0, r1]", "holding 2..3 [r2, r3]", "holding 4..4 [r4]"),
        describe(ReadPlanner.plan(regs, 2, 0)));
  }

  @Test
  void neverSplitsA32BitValue() {
    List<RegisterDefinition> regs =
        List.of(
            reg("a", 0, "holding", "uint16"),
            reg("b", 1, "holding", "float32"),
            reg("c", 3, "holding", "uint16"));

    assertEquals(
        List.of("holding 0..0 [a]", "holding 1..2 [b]", "holding 3..3 [c]"),
        describe(ReadPlanner.plan(regs, 2, 0)));
  }

  @Test
  void mergesAcrossGapsOnlyWhenAllowedAndWithinCap() {
    List<RegisterDefinition> regs =
        List.of(
            reg("a", 0, "input", "uint16"),
            reg("b", 3, "input", "uint16"),
            reg("c", 10, "input", "uint32"));

    assertEquals(
        List.of("input 0..0 [a]", "input 3..3 [b]", "input 10..11 [c]"),
        describe(ReadPlanner.plan(regs, 125, 0)));
    assertEquals(
        List.of("input 0..3 [a, b]", "input 10..11 [c]"), describe(ReadPlanner.plan(regs, 125, 2)));
    assertEquals(List.of("input 0..11 [a, b, c]"), describe(ReadPlanner.plan(regs, 125, 6)));
    assertEquals(
        List.of("input 0..3 [a, b]", "input 10..11 [c]"), describe(ReadPlanner.plan(regs, 8, 6)));
  }

  @Test
  void keepsTablesApartAndSortsByAddress() {
    List<RegisterDefinition> regs =
        List.of(
            reg("in1", 1, "input", "uint16"),
            reg("h5", 5, "holding", "uint16"),
            reg("in0", 0, "input", "uint16"),
            reg("h4", 4, "holding", "uint16"));

    assertEquals(
        List.of("holding 4..5 [h4, h5]", "input 0..1 [in0, in1]"),
        describe(ReadPlanner.plan(regs, 125, 10)));
  }

  @Test
  void rejectsBadLimits() {
    List<RegisterDefinition> regs = List.of(reg("a", 0, "input", "uint16"));
    assertEquals(
        "maxRegistersPerRequest must be between 2 and 125, got 1",
        assertThrows(IllegalArgumentException.class, () -> ReadPlanner.plan(regs, 1, 0))
            .getMessage());
    assertEquals(
        "maxGap must not be negative, got -1",
        assertThrows(IllegalArgumentException.class, () -> ReadPlanner.plan(regs, 10, -1))
            .getMessage());
  }
}
