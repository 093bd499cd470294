package io.flarewatch.drivers.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinerFirmwareDetectorTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"VERSION\":[{\"BMMiner\":\"2.0.0\",\"Type\":\"Antminer S9\"}]}                | ANTMINER",
        "{\"VERSION\":[{\"CGMiner\":\"4.11.1\",\"Type\":\"Antminer S19j Pro\"}]}         | ANTMINER",
        "{\"VERSION\":[{\"BOSminer\":\"0.2.0\",\"API\":\"3.7\"}]}                        | BRAIINS_OS",
        "{\"VERSION\":[{\"BOSer\":\"boser-buildroot 0.1.0\",\"API\":\"3.7\"}]}           | BRAIINS_OS",
        "{\"VERSION\":[{\"CGMiner\":\"4.9\",\"Type\":\"Antminer S9 (Braiins OS)\"}]}     | BRAIINS_OS",
        "{\"VERSION\":[{\"LUXminer\":\"2024.9.17\",\"Type\":\"Antminer S19\"}]}          | LUXOS",
        "{\"STATUS\":[{\"Description\":\"btminer\"}],\"VERSION\":[{\"CGMiner\":\"4.9\"}]} | WHATSMINER",
        "{\"VERSION\":[{\"CGMiner\":\"4.9.2\",\"Type\":\"M30S+\"}]}                      | WHATSMINER",
        "{\"STATUS\":\"S\",\"Msg\":{\"api_ver\":\"2.0.5\",\"fw_ver\":\"20230911\"}}       | WHATSMINER",
        "{\"VERSION\":[{\"CGMiner\":\"4.12.0\",\"API\":\"3.7\"}]}                        | CGMINER",
        "{}                                                                              | CGMINER",
      })
  void detectsFirmwareFromVersionReply(String reply, MinerFirmware expected) throws Exception {
    assertEquals(
        expected, MinerFirmwareDetector.detect(MinerFixtures.MAPPER.readTree(reply.strip())));
  }
}
