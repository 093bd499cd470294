package io.flarewatch.drivers.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hashrates in MH/s, GH/s and KH/s become TH/s without the error of an inexact factor. */
class HashrateUnitsTest {

  @ParameterizedTest(name = "{0} {1} = {2} TH/s")
  @CsvSource({
    "MHS 5s, 101200000, 101.2",
    "MHS 5s, 13580000.0, 13.58",
    "GHS 5s, 110234.5, 110.2345",
    "KHS 5s, 95000000000, 95.0",
  })
  void convertsToTerahashExactly(String field, String value, double ths) {
    String summary =
        "{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":11,\"Msg\":\"Summary\"}],\"SUMMARY\":[{\""
            + field
            + "\":"
            + value
            + "}],\"id\":1}";
    MinerSample sample =
        MinerSampleMapper.map(
            MinerFirmware.CGMINER,
            MinerReplySections.of(
                Map.of(
                    "summary",
                    MinerReplyDecoder.decode(summary.getBytes(StandardCharsets.UTF_8)))));

    assertEquals(ths, sample.hashrateThs(), 0.0);
  }
}
