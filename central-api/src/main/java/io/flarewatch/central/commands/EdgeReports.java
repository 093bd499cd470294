package io.flarewatch.central.commands;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.command.CommandRefusedException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the edge reported about commands, read from the site's data ({@code command_event} and
 * {@code command_miner} points, arrived through ingest like every sample).
 *
 * <p>InfluxDB stores each field of a point on its own, so a query that runs while a point is being
 * written can see some of its fields and not yet the others (influxdata/influxdb#8546: a row with
 * {@code state} null but the counts there, or the other way round). Such a row is a point still
 * being written: it is left out until it is whole, at the next read, so a command's state never
 * comes from half an event.
 */
final class EdgeReports {

  /** The final states the edge reports with the miner counts. */
  private static final Set<String> COUNTED_STATES =
      Set.of("succeeded", "partially_succeeded", "failed");

  /**
   * One {@code command_event} point.
   *
   * @param counts miners_targeted, _confirmed, _failed, _skipped as reported (absent ones null)
   */
  record Event(
      Instant at, String command, String state, String reason, String detail, Counts counts) {

    /**
     * Whether every field the edge writes with this event is here: a state, the counts with a final
     * state, the reason with {@code rejected}.
     */
    boolean whole() {
      if (state == null || command == null) {
        return false;
      }
      if (COUNTED_STATES.contains(state)) {
        return counts.whole();
      }
      return !state.equals("rejected") || reason != null;
    }

    /**
     * This event with its reason one of {@link CommandRefusedException#REASONS}: a code outside the
     * list (from an edge of another release) is moved into the detail, so the API's reason stays
     * within the documented list and nothing the edge said is lost.
     */
    Event withKnownReason() {
      if (reason == null || CommandRefusedException.REASONS.contains(reason)) {
        return this;
      }
      String moved = "reason '" + reason + "' (not a known code)";
      return new Event(
          at, command, state, null, detail == null ? moved : moved + ": " + detail, counts);
    }
  }

  /** The per-miner counts of a final event. */
  record Counts(Long targeted, Long confirmed, Long failed, Long skipped) {
    boolean whole() {
      return targeted != null && confirmed != null && failed != null && skipped != null;
    }
  }

  /** One {@code command_miner} point. */
  record MinerStep(
      Instant at,
      String miner,
      String outcome,
      String readbackState,
      Double readbackPowerLimitW,
      String error,
      String errorDetail,
      Long attempts) {

    /** Whether every field the edge writes with this step is here ({@code attempts} once done). */
    boolean whole() {
      return miner != null && outcome != null && (outcome.equals("sent") || attempts != null);
    }
  }

  private final InfluxClient influx;

  EdgeReports(InfluxClient influx) {
    this.influx = influx;
  }

  /** The events of the site's commands since {@code since}, by command id, in time order. */
  Future<Map<String, List<Event>>> events(String site, Instant since) {
    return influx
        .query(
            "SELECT * FROM "
                + identifier(Schema.COMMAND_EVENT)
                + " WHERE "
                + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
                + " AND time >= "
                + since.toEpochMilli()
                + "ms")
        .map(EdgeReports::events);
  }

  /** The events and miner steps of one command (and of its cancel envelope's id). */
  Future<Detail> detail(String site, String id, String cancelId) {
    String where =
        " WHERE "
            + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
            + " AND ("
            + InfluxFilters.tagEquals(Schema.TAG_COMMAND, id)
            + " OR "
            + InfluxFilters.tagEquals(Schema.TAG_COMMAND, cancelId)
            + ")";
    String minersWhere =
        " WHERE "
            + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
            + " AND "
            + InfluxFilters.tagEquals(Schema.TAG_COMMAND, id);
    return influx
        .query(
            "SELECT * FROM "
                + identifier(Schema.COMMAND_EVENT)
                + where
                + "; SELECT * FROM "
                + identifier(Schema.COMMAND_MINER)
                + minersWhere)
        .map(results -> new Detail(events(results), minerSteps(results)));
  }

  /** A command's reports: events by command id (the command's and its cancel's), miner steps. */
  record Detail(Map<String, List<Event>> events, List<MinerStep> miners) {}

  private static Map<String, List<Event>> events(JsonArray results) {
    Map<String, List<Event>> byCommand = new HashMap<>();
    for (ResultSeries series : ResultSeries.of(results, 0)) {
      for (int row = 0; row < series.rows().size(); row++) {
        String command = text(series, row, Schema.TAG_COMMAND);
        Event event =
            new Event(
                Instant.ofEpochMilli(series.time(row)),
                command,
                text(series, row, Schema.FIELD_COMMAND_STATE),
                text(series, row, Schema.FIELD_REASON),
                text(series, row, Schema.FIELD_DETAIL),
                new Counts(
                    number(series, row, Schema.FIELD_MINERS_TARGETED),
                    number(series, row, Schema.FIELD_MINERS_CONFIRMED),
                    number(series, row, Schema.FIELD_MINERS_FAILED),
                    number(series, row, Schema.FIELD_MINERS_SKIPPED)));
        if (event.whole()) {
          byCommand.computeIfAbsent(command, c -> new ArrayList<>()).add(event.withKnownReason());
        }
      }
    }
    return byCommand;
  }

  private static List<MinerStep> minerSteps(JsonArray results) {
    List<MinerStep> steps = new ArrayList<>();
    for (ResultSeries series : ResultSeries.of(results, 1)) {
      for (int row = 0; row < series.rows().size(); row++) {
        MinerStep step =
            new MinerStep(
                Instant.ofEpochMilli(series.time(row)),
                text(series, row, Schema.TAG_MINER),
                text(series, row, Schema.FIELD_OUTCOME),
                text(series, row, Schema.FIELD_READBACK_STATE),
                series.doubleValue(row, Schema.FIELD_READBACK_POWER_LIMIT_W),
                text(series, row, Schema.FIELD_ERROR),
                text(series, row, Schema.FIELD_ERROR_DETAIL),
                number(series, row, Schema.FIELD_ATTEMPTS));
        if (step.whole()) {
          steps.add(step);
        }
      }
    }
    return steps;
  }

  private static String text(ResultSeries series, int row, String column) {
    Object value = series.value(row, column);
    return value == null ? null : value.toString();
  }

  private static Long number(ResultSeries series, int row, String column) {
    Object value = series.value(row, column);
    return value instanceof Number n ? n.longValue() : null;
  }
}
