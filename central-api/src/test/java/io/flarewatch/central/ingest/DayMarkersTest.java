package io.flarewatch.central.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flarewatch.wire.Point;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DayMarkersTest {

  private static final long JAN_10 = 1_768_003_200_000L; // 2026-01-10T00:00:00Z
  private static final long DAY = 86_400_000L;

  private static SortedSet<Long> plain(String body, long now) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return DayMarkers.ofPlain(bytes, bytes.length, now);
  }

  @Test
  void theDaysOfEveryEmissionsLineAndOnlyThoseAreMarked() {
    String body =
        "emissions,site=s avoided_tco2e=1.5 "
            + (JAN_10 + 5)
            + "\n"
            + "gas_meter,site=s interval_volume_scf=2 "
            + (JAN_10 + 3 * DAY)
            + "\n"
            + "emissions,site=s avoided_tco2e=2,param_note=\"a 123\" "
            + (JAN_10 + DAY - 1)
            + "\n"
            + "emissions site=\"x\" "
            + (JAN_10 + DAY)
            + "\n"
            + "emissions_other,site=s x=1 "
            + (JAN_10 + 5 * DAY);
    assertEquals(new TreeSet<>(List.of(JAN_10, JAN_10 + DAY)), plain(body, 0));
  }

  @Test
  void anEmissionsLineWithoutTimestampIsMarkedOnTheDayInfluxDbDatesIt() {
    long now = JAN_10 + 7 * DAY + 3_600_000;
    assertEquals(
        new TreeSet<>(List.of(JAN_10 + 7 * DAY)),
        plain("emissions,site=s avoided_tco2e=1,param_x=\"y 42\"\n", now));
  }

  @Test
  void parsedPointsAreMarkedByTheirEmissionsPoints() {
    List<Point> points =
        List.of(
            Point.builder("emissions", JAN_10 + 2 * DAY + 1)
                .tag("site", "s")
                .field("a", 1.0)
                .build(),
            Point.builder("generator", JAN_10).tag("site", "s").field("a", 1.0).build());
    assertEquals(new TreeSet<>(List.of(JAN_10 + 2 * DAY)), DayMarkers.ofPoints(points));
  }

  @Test
  void markersFollowTheBatchInTheSameWrite() {
    Buffer write =
        DayMarkers.withMarkers(
            Buffer.buffer("emissions,site=s a=1 " + (JAN_10 + 1)),
            "s",
            new TreeSet<>(List.of(JAN_10, JAN_10 + DAY)),
            1_768_100_000_123L);
    assertEquals(
        "emissions,site=s a=1 "
            + (JAN_10 + 1)
            + "\n"
            + "emissions_1d_due,site=s written_at=1768100000123i "
            + JAN_10
            + "\n"
            + "emissions_1d_due,site=s written_at=1768100000123i "
            + (JAN_10 + DAY)
            + "\n",
        write.toString());
  }

  @Test
  void aBatchWithoutEmissionsIsWrittenAsItCame() {
    Buffer batch = Buffer.buffer("generator,site=s a=1 1\n");
    assertEquals(batch, DayMarkers.withMarkers(batch, "s", new TreeSet<>(), 5));
  }
}
