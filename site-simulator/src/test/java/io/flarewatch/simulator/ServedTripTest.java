package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A running simulator stepped through its {@link SitePlant}: the network serves what the plant
 * reads, through a trip and a restart (Modbus read with j2mod, miners over plain sockets).
 */
class ServedTripTest {

  /** The generator's status word (40) and alarm word (41), as a Modbus master reads them. */
  private static int[] statusAndAlarms(ModbusEndpoint e) throws Exception {
    ModbusTCPMaster master = new ModbusTCPMaster(e.host(), e.port());
    master.setRetries(0);
    master.connect();
    try {
      InputRegister[] regs = master.readMultipleRegisters(e.unitId(), 40, 2);
      return new int[] {regs[0].toUnsignedShort(), regs[1].toUnsignedShort()};
    } finally {
      master.disconnect();
    }
  }

  @Test
  void networkServesTheTripTheLockoutAndTheRestart() throws Exception {
    SimulatorConfig d = SimHarness.config(3, 31);
    GasConfig shutIn =
        new GasConfig(GasProfile.SHUT_IN_RECOVERY, d.gas().baseMscfd(), 0, 5, 10, 20, 0, 31);
    SimulatorConfig c = d.withGas(shutIn).withEngine(EngineConfig.defaults().withMinerBoot(5, 0));
    try (SimHarness h = new SimHarness(c)) {
      SitePlant plant = h.sim.plant();
      MinerEndpoint miner = h.sim.miners().get(0);
      plant.step(Duration.ofSeconds(5));
      assertEquals(GeneratorReading.RUNNING, statusAndAlarms(h.sim.generator())[0]);
      assertEquals(0, statusAndAlarms(h.sim.generator())[1]);

      plant.step(Duration.ofSeconds(15)); // shut in at 10 s, tripped at 15 s
      int[] down = statusAndAlarms(h.sim.generator());
      assertEquals(plant.generator().statusBits(), down[0]);
      assertEquals(plant.generator().alarmBits(), down[1]);
      assertEquals(
          GeneratorReading.ALARM_ENGINE_TRIP | GeneratorReading.ALARM_LOW_GAS_PRESSURE, down[1]);
      assertThrows(
          SocketTimeoutException.class,
          () -> SimHarness.sendRaw(miner, "{\"command\":\"summary\"}".getBytes(), 300),
          "an unpowered miner does not answer");
      assertEquals(0, h.sim.snapshot().generator().powerKw(), "the snapshot is the plant's state");

      // gas back at 30 s, lockout over at 45 s, miners booted 5 s later
      plant.step(Duration.ofSeconds(35));
      int[] up = statusAndAlarms(h.sim.generator());
      assertEquals(GeneratorReading.RUNNING, up[0]);
      assertEquals(0, up[1]);
      String reply = new String(SimHarness.send(miner, "summary", null), StandardCharsets.UTF_8);
      assertTrue(reply.contains("\"STATUS\":\"S\""), reply);
      assertEquals(1, plant.counters().trips());
    }
  }
}
