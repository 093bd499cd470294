package io.flarewatch.edge.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.drivers.miner.MinerFirmware;
import io.flarewatch.drivers.miner.MinerReplyDecoder;
import io.flarewatch.drivers.miner.MinerSample;
import io.flarewatch.drivers.miner.MinerState;
import io.flarewatch.drivers.miner.PowerSource;
import io.flarewatch.wire.Point;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinerPointsTest {

  private static Throwable decoding(String reply) {
    return assertThrows(
        RuntimeException.class,
        () -> MinerReplyDecoder.decode(reply.getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, Object> silent(Throwable failure) {
    return MinerPoints.silent("s", "m1", 1_000, failure).fields();
  }

  @Test
  void garbageAndAnErrorStatusAreStoredAsDifferentCodesWithWhatTheMinerSaid() {
    Map<String, Object> garbage = silent(decoding("HTTP/1.1 400 Bad Request"));
    Map<String, Object> status =
        silent(
            decoding(
                "{\"STATUS\":[{\"STATUS\":\"E\",\"When\":1,\"Code\":14,\"Msg\":\"Invalid"
                    + " command\",\"Description\":\"cgminer 4.12.0\"}],\"id\":1}"));

    assertEquals(0L, garbage.get("up"));
    assertEquals("bad_reply", garbage.get("error"));
    assertTrue(
        garbage.get("error_detail").toString().startsWith("reply is not valid JSON"),
        garbage.toString());
    assertEquals("reply_error", status.get("error"));
    assertEquals("STATUS E Code 14: Invalid command", status.get("error_detail"));
  }

  @Test
  void aFailureThatIsNotTheDevicesIsAnInternalError() {
    Map<String, Object> fields = silent(new IllegalStateException("mapping\nbroke"));

    assertEquals("internal_error", fields.get("error"));
    assertEquals("java.lang.IllegalStateException: mapping?broke", fields.get("error_detail"));
  }

  @Test
  void newFieldsArePerBoardHashratesPowerLimitAmbientAndTheActivePool() {
    List<Double> boards = Arrays.asList(33.5, null, 33.25, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    MinerSample sample =
        new MinerSample(
            MinerFirmware.WHATSMINER,
            MinerState.MINING,
            100.5,
            boards,
            3420.0,
            PowerSource.FIRMWARE,
            3600.0,
            84.0,
            74.5,
            28.0,
            List.of(5310),
            43_200L,
            1,
            2,
            1,
            "stratum+tcp://btc.f2pool.com:3333",
            "flarewatch.m30");

    Point point = MinerPoints.answered("s", "m1", 1_000, sample);

    Map<String, Object> fields = point.fields();
    assertEquals(33.5, fields.get("hashrate_board0_ths"));
    assertFalse(fields.containsKey("hashrate_board1_ths"), "a board without a rate is absent");
    assertEquals(33.25, fields.get("hashrate_board2_ths"));
    assertTrue(fields.containsKey("hashrate_board7_ths"));
    assertFalse(fields.containsKey("hashrate_board8_ths"), "at most 8 boards: bounded field keys");
    assertEquals(3600.0, fields.get("power_limit_w"));
    assertEquals(28.0, fields.get("temp_ambient_c"));
    assertEquals(1L, fields.get("pool_index"));
    assertEquals("stratum+tcp://btc.f2pool.com:3333", fields.get("pool_url"));
    assertEquals("flarewatch.m30", fields.get("pool_user"));
  }

  @Test
  void fieldsAFirmwareDoesNotReportAreLeftOut() {
    MinerSample sample =
        new MinerSample(
            MinerFirmware.ANTMINER,
            MinerState.MINING,
            100.0,
            List.of(),
            null,
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
            null);

    Map<String, Object> fields = MinerPoints.answered("s", "m1", 1_000, sample).fields();

    assertEquals(Map.of("up", 1L, "state", "mining", "hashrate_ths", 100.0), fields);
  }
}
