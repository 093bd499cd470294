package io.flarewatch.edge.commands;

import static io.flarewatch.edge.commands.TestCommands.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.CommandRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CommandPointsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private final CommandPoints points =
      new CommandPoints("well-7", Clock.fixed(NOW, ZoneOffset.UTC));
  private final CommandEnvelope sleep =
      TestCommands.sleep("well-7", NOW, Duration.ofMinutes(5), plan("m-1", 0L, "m-2", 0L));

  private static long time(String line) {
    Point point = LineProtocolParser.parse(line).get(0);
    return point.timeMillis();
  }

  @Test
  void stepsOfOneSeriesInOneMillisecondGetLaterTimestampsSoNoneOverwritesAnother() {
    long delivered = time(points.delivered(sleep));
    long executing = time(points.executing(sleep));
    long sent = time(points.sent(sleep, "m-1"));
    long confirmed =
        time(
            points.outcome(
                sleep,
                "m-1",
                new MinerOutcome(MinerOutcome.Result.CONFIRMED, "sleeping", null, null, null, 1)));

    assertEquals(NOW.toEpochMilli(), delivered);
    assertEquals(delivered + 1, executing);
    assertEquals(NOW.toEpochMilli(), sent, "another series: the clock's time");
    assertEquals(sent + 1, confirmed);
  }

  @Test
  void otherMinersStepsKeepTheClocksTime() {
    assertEquals(NOW.toEpochMilli(), time(points.sent(sleep, "m-1")));
    assertEquals(NOW.toEpochMilli(), time(points.sent(sleep, "m-2")));
  }

  @Test
  void aRejectionCarriesOnlyAReasonOfTheClosedList() {
    for (String reason : CommandRefusedException.REASONS) {
      Point point = LineProtocolParser.parse(points.rejected("c-1", sleep, reason, "why")).get(0);
      assertEquals(reason, point.fields().get(Schema.FIELD_REASON));
    }
    assertThrows(
        IllegalArgumentException.class, () -> points.rejected("c-1", sleep, "replayed", "why"));
    CommandStats stats = new CommandStats();
    assertEquals(CommandRefusedException.REASONS, CommandStats.REFUSAL_REASONS);
    assertThrows(IllegalArgumentException.class, () -> stats.refused("no_such_reason", 1));
  }
}
