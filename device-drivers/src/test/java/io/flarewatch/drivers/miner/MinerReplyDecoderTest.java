package io.flarewatch.drivers.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinerReplyDecoderTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "trailing NUL            | {\"a\":1}\u0000              | {\"a\":1}",
        "objects back to back    | {\"S\":[{\"a\":1}{\"b\":2}]}  | {\"S\":[{\"a\":1},{\"b\":2}]}",
        "objects with whitespace | [{\"a\":1} \t {\"b\":2}]       | [{\"a\":1},{\"b\":2}]",
        "bare inf                | {\"a\":inf}                  | {\"a\":null}",
        "bare -inf in array      | [1,-inf,nan]                 | [1,null,null]",
        "upper-case NaN          | {\"a\": NaN ,\"b\":2}        | {\"a\": null ,\"b\":2}",
        "inf inside a string     | {\"a\":\"inf\"}              | {\"a\":\"inf\"}",
        "word starting with inf  | {\"info\":1}                 | {\"info\":1}",
      })
  void repairsQuirksOnTheText(String quirk, String raw, String repaired) {
    assertEquals(repaired.strip(), MinerReplyDecoder.repair(raw.strip()), quirk);
  }

  @Test
  void acceptsTrailingCommasInObjectsAndArrays() {
    JsonNode root = MinerReplyDecoder.decode(bytes("{\"A\":[1,2,],\"B\":{\"c\":3,},}"));
    assertEquals(2, root.get("A").size());
    assertEquals(3, root.get("B").get("c").asInt());
  }

  @Test
  void keepsNumbersSentAsStringsAsStrings() {
    JsonNode root = MinerReplyDecoder.decode(bytes("{\"SUMMARY\":[{\"GHS 5s\":\"110234.5\"}]}"));
    assertEquals("110234.5", root.get("SUMMARY").get(0).get("GHS 5s").textValue());
  }

  @Test
  void statusErrorNamesTheMessage() {
    byte[] raw =
        bytes(
            "{\"STATUS\":[{\"STATUS\":\"E\",\"When\":1,\"Code\":45,\"Msg\":\"Access denied to"
                + " 'restart' command\",\"Description\":\"cgminer\"}],\"id\":1}\u0000");
    MinerStatusException e =
        assertThrows(MinerStatusException.class, () -> MinerReplyDecoder.decode(raw));
    assertTrue(
        e.getMessage().contains("STATUS E (code 45): Access denied to 'restart' command"),
        e.getMessage());
    assertEquals("reply_error", e.code());
    assertEquals("STATUS E Code 45: Access denied to 'restart' command", e.detail());
    assertEquals("45", e.statusCode());
    assertEquals("Access denied to 'restart' command", e.statusMessage());
  }

  @Test
  void fatalStatusIsAnErrorToo() {
    byte[] raw = bytes("{\"STATUS\":[{\"STATUS\":\"F\",\"Msg\":\"Socket error\"}]}");
    MinerStatusException e =
        assertThrows(MinerStatusException.class, () -> MinerReplyDecoder.decode(raw));
    assertTrue(e.getMessage().contains("STATUS F"), e.getMessage());
    assertTrue(e.getMessage().contains("Socket error"), e.getMessage());
  }

  @Test
  void whatsminerStyleStatusErrorIsRecognised() {
    byte[] raw =
        bytes(
            "{\"STATUS\":\"E\",\"When\":1,\"Code\":23,\"Msg\":\"invalid json\",\"Description\":\"\"}");
    MinerStatusException e =
        assertThrows(MinerStatusException.class, () -> MinerReplyDecoder.decode(raw));
    assertTrue(e.getMessage().contains("invalid json"), e.getMessage());
  }

  @Test
  void warningAndInfoStatusesAreSuccess() {
    JsonNode root =
        MinerReplyDecoder.decode(
            bytes("{\"STATUS\":[{\"STATUS\":\"W\",\"Msg\":\"No pools\"}],\"POOLS\":[]}"));
    assertTrue(root.has("POOLS"));
  }

  @Test
  void invalidJsonNamesTheProblemAndQuotesTheReply() {
    byte[] raw = bytes("{\"STATUS\":[{\"STATUS\":\"S\"}],\"SUMMARY\":[{\"Elapsed\":12 34}]}");
    MinerReplyException e =
        assertThrows(MinerReplyException.class, () -> MinerReplyDecoder.decode(raw));
    assertTrue(e.getMessage().startsWith("reply is not valid JSON"), e.getMessage());
    assertTrue(e.getMessage().contains("\"Elapsed\":12 34"), e.getMessage());
    assertEquals("bad_reply", e.code());
    assertTrue(e.detail().startsWith("reply is not valid JSON"), e.detail());
  }

  @Test
  void emptyReplyIsAnError() {
    MinerReplyException e =
        assertThrows(
            MinerReplyException.class, () -> MinerReplyDecoder.decode(bytes("\u0000\u0000 ")));
    assertEquals("empty reply", e.getMessage());
  }

  @Test
  void nonObjectReplyIsAnError() {
    MinerReplyException e =
        assertThrows(MinerReplyException.class, () -> MinerReplyDecoder.decode(bytes("[1,2]")));
    assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
  }

  @Test
  void excerptEscapesControlCharactersAndIsShort() {
    String excerpt = MinerReplyDecoder.excerpt(bytes("{\"a\":1}\u0000" + "x".repeat(500)));
    assertTrue(excerpt.startsWith("{\"a\":1}\\u0000xx"), excerpt);
    assertTrue(excerpt.endsWith("..."), excerpt);
    assertTrue(excerpt.length() < 140, excerpt);
  }

  @Test
  void completenessNeedsAWholeObject() {
    assertFalse(MinerReplyDecoder.isComplete(bytes("{\"STATUS\":[{\"STATUS\":\"S\"}")));
    assertFalse(MinerReplyDecoder.isComplete(bytes("{\"STATUS\":[{\"STATUS\":\"S\"}],")));
    assertFalse(MinerReplyDecoder.isComplete(bytes("")));
    assertTrue(MinerReplyDecoder.isComplete(bytes("{\"STATUS\":[{\"STATUS\":\"S\"}]}\u0000")));
  }
}
