package io.flarewatch.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainLineProtocolTest {

  private static final String SITE = "well-7";

  @Test
  void countsThePointsOfABatchAsTheEdgeWritesIt() {
    List<Point> points = new ArrayList<>();
    for (int m = 1; m <= 50; m++) {
      points.add(
          Point.builder("miner", 1_700_000_000_000L + m)
              .tag("site", SITE)
              .tag("miner", "miner-" + m)
              .tag("firmware", "braiins")
              .field("up", 1L)
              .field("state", "mining, ok=yes")
              .field("hashrate_ths", 100.125 + m)
              .field("temp_chip_max_c", 70.0)
              .field("alarm", m % 2 == 0)
              .field("ratio", -1.5e-7 * m)
              .build());
    }
    points.add(Point.builder("edge_event", 5L).tag("site", SITE).field("dropped", 0L).build());

    assertEquals(51, count(LineProtocol.encode(points)));
    assertEquals(51, count(LineProtocol.encode(points).stripTrailing()));
  }

  @Test
  void everyPointTheEncoderWritesWithPlainNamesAndShortExponentsIsPlain() {
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      double magnitude = Math.pow(10, random.nextInt(60) - 30);
      Point point =
          Point.builder(plainName(random), random.nextLong(LineProtocolParser.MAX_TIME_MILLIS + 1))
              .tag(plainName(random), plainName(random))
              .tag("site", SITE)
              .field(plainName(random), random.nextGaussian() * magnitude)
              .field("n" + plainName(random), random.nextLong())
              .field("s" + plainName(random), plainName(random) + " ,=")
              .build();
      String line = LineProtocol.encode(point);
      assertEquals(1, count(line), line);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\n",
        "# comment\nm,site=well-7 v=1 1",
        "m,site=well-7 v=1 1\n\nm,site=well-7 v=1 2",
        "m,site=well-7 v=1 1\r\n",
        "m,site=well-7 v=1 1 ",
        "m,site=well-7 v=1",
        "m,site=well-8 v=1 1",
        "m,other=well-7 v=1 1",
        "m v=1 1",
        "m,site=well-7,a=b v=1 1",
        "m,site=well-7,site=well-7 v=1 1",
        "m,site=well-7 v=1,v=2 1",
        "m\\ x,site=well-7 v=1 1",
        "m,site=well\\ 7 v=1 1",
        "m,site=well-7 v=\"a\\\"b\" 1",
        "m,site=well-7 v=\"é\" 1",
        "mé,site=well-7 v=1 1",
        "m,site=well-7 v=\"a\tb\" 1",
        "m,site=well-7 v=01 1",
        "m,site=well-7 v=+1 1",
        "m,site=well-7 v=.5 1",
        "m,site=well-7 v=1. 1",
        "m,site=well-7 v=1e100 1",
        "m,site=well-7 v=1e 1",
        "m,site=well-7 v=NaN 1",
        "m,site=well-7 v=Infinity 1",
        "m,site=well-7 v=9223372036854775808i 1",
        "m,site=well-7 v=-9223372036854775808i 1",
        "m,site=well-7 v=12345678901234567890i 1",
        "m,site=well-7 v=1u 1",
        "m,site=well-7 v=yes 1",
        "m,site=well-7 v=tru 1",
        "m,site=well-7 v=1 01",
        "m,site=well-7 v=1 -1",
        "m,site=well-7 v=1 10000000000000",
        "m,site=well-7 v=1 9223372036855",
        "m,site=well-7 \"v\"=1 1",
        "m,site=well-7 v= 1",
        "m,site=well-7  v=1 1",
      })
  void anythingOutsideThePlainFormGoesToTheParser(String body) {
    assertEquals(PlainLineProtocol.NOT_PLAIN, count(body), body);
  }

  @Test
  void plainEdgeCasesAreCountedAndReadTheSameByTheParser() {
    String body =
        "m,site=well-7 v=0,w=-0.5,x=1.25E-7,y=3e+2,z=-12i,l=-9223372036854775807i,b=TRUE,c=f,s=\"\" 0\n"
            + "m,a=1,site=well-7 v=\"a, b=c \" 9223372036854\n";
    assertEquals(2, count(body));
    List<Point> points = LineProtocolParser.parse(body);
    assertEquals(-12L, points.get(0).fields().get("z"));
    assertEquals(-Long.MAX_VALUE, points.get(0).fields().get("l"));
    assertEquals(1.25e-7, points.get(0).fields().get("x"));
    assertEquals(Boolean.TRUE, points.get(0).fields().get("b"));
    assertEquals("a, b=c ", points.get(1).fields().get("v"));
  }

  /**
   * Valid lines mutated at random: whenever the check calls a body plain, the parser accepts it
   * with as many points, each tagged with the site. Enough mutants fall on either side for this to
   * mean something.
   */
  @Test
  void whateverIsPlainTheParserAcceptsWithTheSamePoints() {
    String[] seeds = {
      "miner,firmware=braiins,miner=m-1,site=well-7 up=1i,state=\"mining\",hashrate_ths=101.5,"
          + "ok=t,ratio=-1.5E-7 1700000000000",
      "generator,site=well-7 power_kw=410,fuel_scfh=5120.25 1700000000010\n"
          + "gas_meter,meter=m1,site=well-7 total_scf=123456789i 1700000000020\n",
    };
    String alphabet = ",= \\\"#-+.eEitfTF019\n\r\té";
    Random random = new Random(42);
    int plain = 0;
    int notPlain = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder body = new StringBuilder(seeds[random.nextInt(seeds.length)]);
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(body.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> body.insert(at, c);
          case 1 -> body.deleteCharAt(at);
          default -> body.setCharAt(at, c);
        }
      }
      String text = body.toString();
      int count = count(text);
      if (count == PlainLineProtocol.NOT_PLAIN) {
        notPlain++;
        continue;
      }
      plain++;
      List<Point> points;
      try {
        points = LineProtocolParser.parse(text);
      } catch (LineProtocolException e) {
        fail("plain but refused by the parser: " + text + " (" + e.getMessage() + ")");
        return;
      }
      assertEquals(count, points.size(), text);
      for (Point point : points) {
        assertEquals(SITE, point.tag("site"), text);
      }
    }
    assertTrue(plain > 10_000 && notPlain > 10_000, plain + " plain, " + notPlain + " not");
  }

  private static int count(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return PlainLineProtocol.countPoints(bytes, bytes.length, "site", SITE);
  }

  private static String plainName(Random random) {
    String chars = "abcxyz_-.:/0123456789ABC";
    StringBuilder name = new StringBuilder("k");
    for (int k = random.nextInt(8); k > 0; k--) {
      name.append(chars.charAt(random.nextInt(chars.length())));
    }
    return name.toString();
  }
}
