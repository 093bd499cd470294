package io.flarewatch.drivers.miner;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every recorded reply through decoder, firmware detection and mapping, without network. */
class MinerReplyFixtureTest {

  static Stream<String> cases() throws IOException {
    return MinerFixtures.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesAndMapsRecordedReplies(String fixture) {
    MinerSample sample = null;
    Throwable failure = null;
    try {
      sample = pollOffline(fixture);
    } catch (MinerApiException e) {
      failure = e;
    }
    MinerFixtures.assertOutcome(fixture, sample, failure);
  }

  private static MinerSample pollOffline(String fixture) {
    byte[] version = MinerFixtures.reply(fixture, MinerPollCommands.DETECT);
    assertNotNull(version, fixture + " has no version.raw");
    JsonNode versionReply;
    try {
      versionReply = MinerReplyDecoder.decode(version);
    } catch (MinerStatusException refused) {
      byte[] fallback = MinerFixtures.reply(fixture, MinerPollCommands.DETECT_FALLBACK);
      assertNotNull(fallback, fixture + " refuses version and has no get_version.raw");
      versionReply = MinerReplyDecoder.decode(fallback);
    }
    MinerFirmware firmware = MinerFirmwareDetector.detect(versionReply);
    Map<String, JsonNode> replies = new LinkedHashMap<>();
    for (String request : MinerPollCommands.requests(firmware)) {
      byte[] raw = MinerFixtures.reply(fixture, request);
      assertNotNull(
          raw, fixture + " has no reply for '" + request + "' (firmware " + firmware + ")");
      replies.put(request, MinerReplyDecoder.decode(raw));
    }
    return MinerSampleMapper.map(firmware, MinerReplySections.of(replies));
  }
}
