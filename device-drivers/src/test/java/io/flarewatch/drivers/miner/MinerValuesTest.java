package io.flarewatch.drivers.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinerValuesTest {

  @Test
  void addressDefaultsToPort4028() {
    assertEquals("10.0.0.5:4028", MinerAddress.of("10.0.0.5").toString());
  }

  @Test
  void addressRejectsBadHostAndPort() {
    assertEquals(
        "miner host must not be blank",
        assertThrows(IllegalArgumentException.class, () -> new MinerAddress(" ", 4028))
            .getMessage());
    assertEquals(
        "miner port must be 1..65535, got 70000",
        assertThrows(IllegalArgumentException.class, () -> new MinerAddress("m1", 70000))
            .getMessage());
  }

  @Test
  void optionsRejectNonPositiveTimeoutAndTinyLimit() {
    assertEquals(
        "timeout must be positive, got PT0S",
        assertThrows(
                IllegalArgumentException.class,
                () -> new MinerApiClientOptions(Duration.ZERO, 4096))
            .getMessage());
    assertEquals(
        "maxReplyBytes must be at least 64, got 10",
        assertThrows(
                IllegalArgumentException.class,
                () -> new MinerApiClientOptions(Duration.ofSeconds(1), 10))
            .getMessage());
  }

  @Test
  void sampleTiesPowerToItsSource() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new MinerSample(
                    MinerFirmware.ANTMINER,
                    MinerState.MINING,
                    100.0,
                    List.of(),
                    3000.0,
                    PowerSource.NONE,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
    assertEquals(
        "powerWatts must be present exactly when powerSource is not NONE (powerWatts=3000.0,"
            + " powerSource=NONE)",
        e.getMessage());
  }

  @Test
  void everyFirmwareHasPollRequests() {
    for (MinerFirmware firmware : MinerFirmware.values()) {
      List<String> requests = MinerPollCommands.requests(firmware);
      assertEquals(true, requests != null && !requests.isEmpty(), firmware.name());
    }
  }
}
