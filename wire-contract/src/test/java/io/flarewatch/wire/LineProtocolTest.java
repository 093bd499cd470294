package io.flarewatch.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineProtocolTest {

  @Test
  void encodesTagsSortedIntegersWithSuffixAndIntegralDoublesShort() {
    Point point =
        Point.builder("miner", 1_700_000_000_123L)
            .tag("site", "well-7")
            .tag("miner", "miner-0001")
            .field("hashrate_ths", 104.25)
            .field("up", 1L)
            .field("power_w", 3250.0)
            .field("temp_c", null)
            .build();

    assertEquals(
        "miner,miner=miner-0001,site=well-7 hashrate_ths=104.25,up=1i,power_w=3250 1700000000123",
        LineProtocol.encode(point));
  }

  @Test
  void escapesSpecialCharactersAndReadsThemBack() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("pool url", "stratum+tcp://pool \"a\", b\\c");
    fields.put("ok", true);
    fields.put("ratio", -1.5e-7);
    Point point = new Point("gas meter,x", new TreeMap<>(Map.of("tag=key", "v a,l")), fields, 42L);

    String line = LineProtocol.encode(point);
    assertEquals(
        "gas\\ meter\\,x,tag\\=key=v\\ a\\,l pool\\ url=\"stratum+tcp://pool \\\"a\\\", b\\\\c\","
            + "ok=t,ratio=-1.5E-7 42",
        line);
    assertEquals(List.of(point), LineProtocolParser.parse(line));
  }

  @Test
  void parsesManyLinesSkippingBlanksAndComments() {
    String body =
        "# a comment\n"
            + "generator,site=a power_kw=410.5 1000\n"
            + "\n"
            + "miner,site=a,miner=m1 up=0i 1000\r\n";

    List<Point> points = LineProtocolParser.parse(body);

    assertEquals(2, points.size());
    assertEquals(410.5, points.get(0).fields().get("power_kw"));
    assertEquals(0L, points.get(1).fields().get("up"));
    assertEquals("m1", points.get(1).tag("miner"));
    assertEquals(1000L, points.get(1).timeMillis());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no fields              | m,site=a 1000                  | line 2: expected '=' after field key '1000'",
        "no timestamp           | m,site=a v=1                   | line 2: missing timestamp",
        "empty tag value        | m,site= v=1 5                  | line 2: empty value of tag 'site'",
        "bad float              | m,site=a v=1.2.3 5             | line 2: field 'v' has an invalid value: 1.2.3",
        "bad integer            | m,site=a v=12xi 5              | line 2: field 'v' has an invalid value: 12xi",
        "unclosed string        | m,site=a v=\"abc 5             | line 2: string field 'v' has no closing quote",
        "timestamp not a number | m,site=a v=1 12:00             | line 2: timestamp is not an integer",
        "negative timestamp     | m,site=a v=1 -5                | line 2: timestamp -5 is outside",
        "duplicate field        | m,site=a v=1,v=2 5             | line 2: field 'v' appears twice",
        "duplicate tag          | m,site=a,site=b v=1 5          | line 2: tag 'site' appears twice",
        "missing equals         | m,site=a v 5                   | line 2: expected '=' after field key 'v'",
        "empty measurement      | ,site=a v=1 5                  | line 2: empty measurement",
        "infinite float         | m,site=a v=1e999 5             | line 2: field 'v' is out of range",
      })
  void rejectsBadLinesNamingLineAndFault(String name, String badLine, String expected) {
    String body = "ok,site=a v=1 1\n" + badLine + "\n";

    LineProtocolException e =
        assertThrows(LineProtocolException.class, () -> LineProtocolParser.parse(body));

    assertTrue(e.getMessage().startsWith(expected), () -> "message was: " + e.getMessage());
    assertEquals(2, e.lineNumber());
  }

  @Test
  void backslashesOutsideEscapesAreKeptAsInInfluxDb() {
    Point point =
        Point.builder("m\\x", 1).tag("path", "C:\\data\\a b").field("k\\v", "q\\").build();
    String line = LineProtocol.encode(point);
    assertEquals("m\\x,path=C:\\data\\a\\ b k\\v=\"q\\\\\" 1", line);
    assertEquals(List.of(point), LineProtocolParser.parse(line));
  }

  @Test
  void controlCharactersInsideALineAreRejected() {
    LineProtocolException e =
        assertThrows(
            LineProtocolException.class, () -> LineProtocolParser.parse("m,site=a v=1,w\r=2 5\n"));
    assertEquals("line 1: control character U+000D at column 15", e.getMessage());
    assertThrows(
        LineProtocolException.class, () -> LineProtocolParser.parse("m,site=a\u0000 v=1 5"));
  }

  @Test
  void namesThatCannotBeWrittenUnambiguouslyAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Point.builder("m", 1).tag("path", "C:\\").field("v", 1L).build());
    assertEquals("value of tag 'path' 'C:\\' ends with a backslash", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Point.builder("m", 1).field("v\tw", 1L).build());
  }

  @Test
  void pointRejectsNonFiniteAndMissingFields() {
    assertThrows(
        IllegalArgumentException.class, () -> Point.builder("m", 1).field("v", Double.NaN).build());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Point.builder("m", 1).build());
    assertEquals("m has no fields", e.getMessage());
  }

  @Test
  void roundTripsRandomPointsExactly() {
    java.util.Random random = new java.util.Random(7);
    for (int n = 0; n < 2000; n++) {
      Point point =
          Point.builder("miner", Math.abs(random.nextLong() % 9_000_000_000_000L))
              .tag("site", "s" + random.nextInt(100))
              .field("d", random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10))
              .field("i", random.nextLong())
              .field("b", random.nextBoolean())
              .build();
      assertEquals(List.of(point), LineProtocolParser.parse(LineProtocol.encode(point)));
    }
  }

  @Test
  void fieldCountAgreesWithTheParserOnLinesFullOfEscapesAndQuotes() {
    java.util.Random random = new java.util.Random(3);
    for (int n = 0; n < 5000; n++) {
      Point.Builder point = Point.builder(text(random), random.nextInt(1_000_000));
      for (int t = random.nextInt(4); t > 0; t--) {
        point.tag(text(random), text(random));
      }
      for (int f = 1 + random.nextInt(6); f > 0; f--) {
        Object value =
            switch (random.nextInt(4)) {
              case 0 -> text(random) + "\"\\, =";
              case 1 -> random.nextGaussian();
              case 2 -> random.nextLong();
              default -> random.nextBoolean();
            };
        point.field(text(random), value);
      }
      String line = LineProtocol.encode(point.build());
      assertEquals(
          LineProtocolParser.parse(line).get(0).fields().size(),
          LineProtocolParser.fieldCount(line),
          line);
    }
  }

  /** 1 to 6 characters of which most need escaping somewhere; never ending in a backslash. */
  private static String text(java.util.Random random) {
    String chars = "a, =\\\"é1";
    StringBuilder text = new StringBuilder();
    for (int k = random.nextInt(6); k > 0; k--) {
      text.append(chars.charAt(random.nextInt(chars.length())));
    }
    return text.append('z').toString();
  }

  @Test
  void idsAreCheckedWithAMessageNamingTheId() {
    assertEquals("well-7", Schema.checkId("site", "well-7"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Schema.checkId("site", "a'b"));
    assertTrue(e.getMessage().startsWith("site 'a'b' is not a valid id"));
  }
}
