package io.flarewatch.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
  private static final long NOW = 1_760_000_000_000L;
  private static final long SKEW = 300_000L;

  @Test
  void countsThePointsOfABatchAsTheEdgeWritesIt() {
    List<Point> points = new ArrayList<>();
    for (int m = 1; m <= 50; m++) {
      if (m % 7 == 0) {
        points.add(
            Point.builder(Schema.MINER, NOW - m)
                .tag(Schema.TAG_SITE, SITE)
                .tag(Schema.TAG_MINER, "miner-" + m)
                .field(Schema.FIELD_UP, 0L)
                .field(Schema.FIELD_ERROR, "timeout")
                .build());
        continue;
      }
      points.add(
          Point.builder(Schema.MINER, NOW - m)
              .tag(Schema.TAG_SITE, SITE)
              .tag(Schema.TAG_MINER, "miner-" + m)
              .tag(Schema.TAG_FIRMWARE, "braiins_os")
              .field(Schema.FIELD_UP, 1L)
              .field(Schema.FIELD_STATE, "mining, ok=yes")
              .field(Schema.FIELD_HASHRATE_THS, 100.125 + m)
              .field(Schema.FIELD_TEMP_CHIP_MAX_C, 70.0)
              .field(Schema.FIELD_POWER_W, -1.5e-7 * m)
              .build());
    }
    points.add(
        Point.builder(Schema.EDGE_EVENT, 5L)
            .tag(Schema.TAG_SITE, SITE)
            .tag(Schema.TAG_KIND, "buffer_full")
            .field(Schema.FIELD_DROPPED_LINES, 0L)
            .build());

    assertEquals(51, count(LineProtocol.encode(points)));
    assertEquals(51, count(LineProtocol.encode(points).stripTrailing()));
  }

  @Test
  void everyPointTheEdgeWritesWithShortExponentsIsPlainAndKeepsTheContract() {
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      double magnitude = Math.pow(10, random.nextInt(60) - 30);
      Point point =
          Point.builder(Schema.GAS_METER, random.nextLong(NOW + SKEW + 1))
              .tag(Schema.TAG_SITE, SITE)
              .tag(Schema.TAG_DEVICE, id(random))
              .tag(Schema.TAG_ROLE, "flare_meter")
              .field(registerName(random), random.nextGaussian() * magnitude)
              .field(Schema.FIELD_UP, random.nextLong())
              .field(Schema.FIELD_ERROR, id(random) + " ,=")
              .build();
      String line = LineProtocol.encode(point);
      assertEquals(1, count(line), line);
      assertNull(Schema.problem(point, NOW, SKEW), line);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\n",
        "# comment\ngenerator,device=g,site=well-7 v=1 1",
        "generator,device=g,site=well-7 v=1 1\n\ngenerator,device=g,site=well-7 v=1 2",
        "generator,device=g,site=well-7 v=1 1\r\n",
        "generator,device=g,site=well-7 v=1 1 ",
        "generator,device=g,site=well-7 v=1",
        "generator,device=g,site=well-8 v=1 1",
        "generator,device=g,other=well-7 v=1 1",
        "generator v=1 1",
        "generator,site=well-7 v=1 1",
        "generator,site=well-7,device=g v=1 1",
        "generator,device=g,device=g,site=well-7 v=1 1",
        "generator,device=g,site=well-7,site=well-7 v=1 1",
        "generator,device=g,site=well-7 v=1,v=2 1",
        "generator\\ x,device=g,site=well-7 v=1 1",
        "generator,device=g,site=well\\ 7 v=1 1",
        "generator,device=g,site=well-7 error=\"a\\\"b\" 1",
        "generator,device=g,site=well-7 error=\"é\" 1",
        "generatoré,device=g,site=well-7 v=1 1",
        "generator,device=g,site=well-7 error=\"a\tb\" 1",
        "generator,device=g,site=well-7 v=01 1",
        "generator,device=g,site=well-7 v=+1 1",
        "generator,device=g,site=well-7 v=.5 1",
        "generator,device=g,site=well-7 v=1. 1",
        "generator,device=g,site=well-7 v=1e100 1",
        "generator,device=g,site=well-7 v=1e 1",
        "generator,device=g,site=well-7 v=NaN 1",
        "generator,device=g,site=well-7 v=Infinity 1",
        "generator,device=g,site=well-7 up=9223372036854775808i 1",
        "generator,device=g,site=well-7 up=-9223372036854775808i 1",
        "generator,device=g,site=well-7 up=12345678901234567890i 1",
        "generator,device=g,site=well-7 v=1u 1",
        "generator,device=g,site=well-7 v=yes 1",
        "generator,device=g,site=well-7 v=t 1",
        "generator,device=g,site=well-7 v=1 01",
        "generator,device=g,site=well-7 v=1 -1",
        "generator,device=g,site=well-7 v=1 10000000000000",
        "generator,device=g,site=well-7 v=1 9223372036855",
        "generator,device=g,site=well-7 \"v\"=1 1",
        "generator,device=g,site=well-7 v= 1",
        "generator,device=g,site=well-7  v=1 1",
        // the contract, in plain form
        "audit,site=well-7,user=admin method=\"GET\" 1",
        "generator,device=g,site=well-7 site=\"well-8\",v=1 1",
        "generator,device=g,site=well-7 time=1 1",
        "generator,device=g,site=well-7 v=\"poison\" 1",
        "generator,device=g,site=well-7 v=1i 1",
        "generator,device=g,site=well-7 up=1 1",
        "generator,device=g,site=well-7 _v=1 1",
        "generator,device=g,site=well-7 1v=1 1",
        "generator,color=red,device=g,site=well-7 v=1 1",
        "miner,miner=m,site=well-7 v=1 1",
        "emissions,device=d,methodology=x,site=well-7 param_x=1 1",
        "emissions,device=d,methodology=x,site=well-7 params_x=\"a\" 1",
        "generator,device=g,site=well-7 v=1 1760000300001",
        // values are checked too: always the parser's
        "site_audit,site=well-7,user=tech action=\"login\",outcome=\"ok\",status=200i 1",
        "generator,device=g,site=well-7 v=1 1\n"
            + "site_audit,site=well-7 action=\"login\",outcome=\"ok\",status=200i 2",
        // a key where the previous line had it means what it meant there, nothing more
        "miner,miner=m,site=well-7 up=1i 1\ngenerator,miner=m,site=well-7 up=1i 1",
        "generator,device=g,site=well-7 up=1i,v=1 1\ngenerator,device=g,site=well-7 up=1i,v=1i 2",
        "generator,device=g,site=well-7 v=1,w=1 1\ngenerator,device=g,site=well-7 v=1,v=1 2",
        "generator,device=g,site=well-7 up=1i 1\ngenerator,device=g,site=well-7 up=1i,up=1i 2",
        "generator,device=g,site=well-7 v=1 1\ngenerator,device=g,site=well-8 v=1 2",
        "generator,device=g,site=well-7 v=1 1\ngenerator,site=well-7 v=1 2",
      })
  void anythingOutsideThePlainFormOrTheContractGoesToTheParser(String body) {
    assertEquals(PlainLineProtocol.NOT_PLAIN, count(body), body);
  }

  @Test
  void longValuesAndNamesGoToTheParser() {
    String tagValue = "d".repeat(MeasurementContract.MAX_TAG_VALUE_CHARS);
    String string = "s".repeat(MeasurementContract.MAX_STRING_CHARS);
    String field = "f".repeat(MeasurementContract.MAX_NAMED_FIELD_CHARS);
    assertEquals(
        1, count("generator,device=" + tagValue + ",site=well-7 error=\"" + string + "\" 1"));
    assertEquals(1, count("generator,device=g,site=well-7 " + field + "=1 1"));
    assertEquals(
        PlainLineProtocol.NOT_PLAIN, count("generator,device=" + tagValue + "d,site=well-7 v=1 1"));
    assertEquals(
        PlainLineProtocol.NOT_PLAIN,
        count("generator,device=g,site=well-7 error=\"" + string + "s\" 1"));
    assertEquals(
        PlainLineProtocol.NOT_PLAIN, count("generator,device=g,site=well-7 " + field + "f=1 1"));
  }

  @Test
  void plainEdgeCasesAreCountedAndReadTheSameByTheParser() {
    String body =
        "generator,device=g,site=well-7 v=0,w=-0.5,x=1.25E-7,y=3e+2,up=-12i,error=\"\" 0\n"
            + "edge_event,kind=k,site=well-7 dropped_lines=-9223372036854775807i 1760000300000\n"
            + "emissions,device=d,methodology=m,site=well-7 param_a=\"a, b=c \" 9\n";
    assertEquals(3, count(body));
    List<Point> points = LineProtocolParser.parse(body);
    assertEquals(-12L, points.get(0).fields().get("up"));
    assertEquals(1.25e-7, points.get(0).fields().get("x"));
    assertEquals(-Long.MAX_VALUE, points.get(1).fields().get("dropped_lines"));
    assertEquals("a, b=c ", points.get(2).fields().get("param_a"));
  }

  /**
   * Valid lines mutated at random: whenever the check calls a body plain, the parser accepts it
   * under the contract with as many points, each tagged with the site. Enough mutants fall on
   * either side for this to mean something.
   */
  @Test
  void whateverIsPlainTheParserAcceptsUnderTheContractWithTheSamePoints() {
    String[] seeds = {
      "miner,firmware=braiins,miner=m-1,site=well-7 up=1i,state=\"mining\",hashrate_ths=101.5,"
          + "power_w=-1.5E-7,error=\"e\" 1700000000000",
      "generator,device=g1,site=well-7 power_kw=410,fuel_scfh=5120.25 1700000000010\n"
          + "gas_meter,device=m1,role=r,site=well-7 up=123456789i 1700000000020\n",
      "site_summary,site=well-7 miners_total=10i,miners_online=9i,hashrate_ths=1e+2 1760000300000",
      // layouts that repeat from line to line, as in an edge's batch
      "miner,firmware=f,miner=m-1,site=well-7 up=1i,hashrate_ths=1.5 1\n".repeat(3)
          + "miner,miner=m-2,site=well-7 up=0i,error=\"e\" 2\n"
          + "generator,device=m-1,site=well-7 up=1i,hashrate_ths=2,e1=3 3\n"
          + "generator,device=m-1,site=well-7 up=1i,hashrate_ths=2,e1=3 3\n",
      "gas_meter,device=m1,role=r,site=well-7 up=1i,a=1,b=2,interval_volume_scf=3 4\n".repeat(4),
    };
    String alphabet = ",= \\\"#-+.eEitfTF019\n\r\té_";
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
        points = LineProtocolParser.parse(text, point -> Schema.problem(point, NOW, SKEW));
      } catch (LineProtocolException e) {
        fail("plain but refused by the parser: " + text + " (" + e.getMessage() + ")");
        return;
      }
      assertEquals(count, points.size(), text);
      for (Point point : points) {
        assertEquals(SITE, point.tag(Schema.TAG_SITE), text);
      }
    }
    assertTrue(plain > 10_000 && notPlain > 10_000, plain + " plain, " + notPlain + " not");
  }

  private static int count(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return PlainLineProtocol.countPoints(bytes, bytes.length, SITE, NOW + SKEW);
  }

  private static String id(Random random) {
    String chars = "abcxyz_-0123456789";
    StringBuilder name = new StringBuilder("d");
    for (int k = random.nextInt(8); k > 0; k--) {
      name.append(chars.charAt(random.nextInt(chars.length())));
    }
    return name.toString();
  }

  private static String registerName(Random random) {
    String chars = "abcxyz_0123456789ABC";
    StringBuilder name = new StringBuilder("r");
    for (int k = random.nextInt(8); k > 0; k--) {
      name.append(chars.charAt(random.nextInt(chars.length())));
    }
    return name.toString();
  }
}
