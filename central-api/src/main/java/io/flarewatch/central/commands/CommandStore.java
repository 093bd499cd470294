package io.flarewatch.central.commands;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.command.SignedCommand;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issued commands and their cancels in central's own database ({@code influx.centralDatabase}),
 * which ingest never writes: measurement {@value #COMMAND} (tags {@code site}, {@code command},
 * {@code action}; fields {@code payload} (the canonical bytes as UTF-8 text), {@code signature},
 * {@code key_id}, {@code idempotency_key}, {@code request_sha256}, {@code issued_by}, {@code
 * not_before_ms}, {@code expires_at_ms}, {@code targets}; time = issued) and {@value #CANCEL} (tags
 * {@code site}, {@code command}; fields {@code canceled_by}, {@code payload}, {@code signature},
 * {@code key_id}; time = canceled).
 *
 * <p>Nothing is kept in memory: every central replica on the same InfluxDB reads the same commands,
 * and a restart loses none. Two replicas racing on one idempotency key write the same id; the
 * earliest point of an id is the command, everywhere. A row lacking a field every point has is a
 * point still being written (InfluxDB stores fields one by one, and a read can see some before the
 * others): it is left out until it is whole.
 */
final class CommandStore {

  static final String COMMAND = "command";
  static final String CANCEL = "command_cancel";

  /** The fields of a {@value #COMMAND} point that are read back. */
  private static final List<String> COMMAND_FIELDS =
      List.of(
          Schema.TAG_COMMAND,
          "payload",
          "signature",
          "key_id",
          "idempotency_key",
          "request_sha256");

  /** The fields of a {@value #CANCEL} point that are read back. */
  private static final List<String> CANCEL_FIELDS =
      List.of("canceled_by", "payload", "signature", "key_id");

  private final InfluxClient central;

  CommandStore(InfluxClient influx) {
    this.central = influx.centralData();
  }

  Future<Void> store(IssuedCommand command) {
    SignedCommand signed = command.signed();
    Point point =
        Point.builder(COMMAND, command.envelope().issuedAt().toEpochMilli())
            .tag(Schema.TAG_SITE, command.envelope().site())
            .tag(Schema.TAG_COMMAND, command.id())
            .tag("action", command.envelope().action().wireName())
            .field("payload", signed.payloadText())
            .field("signature", Base64.getEncoder().encodeToString(signed.signature()))
            .field("key_id", signed.keyId())
            .field("idempotency_key", command.idempotencyKey())
            .field("request_sha256", command.requestSha256())
            .field("issued_by", command.envelope().issuedBy())
            .field("not_before_ms", command.envelope().notBefore().toEpochMilli())
            .field("expires_at_ms", command.envelope().expiresAt().toEpochMilli())
            .field("targets", (long) command.envelope().targets().size())
            .build();
    return central.write(Buffer.buffer(LineProtocol.encode(point)));
  }

  Future<Void> storeCancel(String site, String commandId, IssuedCommand.Cancel cancel) {
    Point point =
        Point.builder(CANCEL, cancel.at().toEpochMilli())
            .tag(Schema.TAG_SITE, site)
            .tag(Schema.TAG_COMMAND, commandId)
            .field("canceled_by", cancel.by())
            .field("payload", cancel.signed().payloadText())
            .field("signature", Base64.getEncoder().encodeToString(cancel.signed().signature()))
            .field("key_id", cancel.signed().keyId())
            .build();
    return central.write(Buffer.buffer(LineProtocol.encode(point)));
  }

  /** The command of this id on this site, with its cancel. */
  Future<Optional<IssuedCommand>> find(String site, String id) {
    String where =
        " WHERE "
            + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
            + " AND "
            + InfluxFilters.tagEquals(Schema.TAG_COMMAND, id);
    return central
        .query(selectAll(COMMAND, where) + "; " + selectAll(CANCEL, where))
        .map(results -> read(results).stream().findFirst());
  }

  /**
   * The site's commands issued in [from, to), oldest first, with their cancels; at most {@code
   * limit} + 1 are read, so a caller can tell there were more.
   */
  Future<List<IssuedCommand>> issued(
      String site, Instant from, Instant to, String action, int limit) {
    String where =
        " WHERE "
            + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
            + (action == null ? "" : " AND " + InfluxFilters.tagEquals("action", action));
    String commands =
        selectAll(COMMAND, where + " AND " + InfluxFilters.timeRange(from, to))
            + " LIMIT "
            + (limit + 1);
    String cancels =
        selectAll(
            CANCEL,
            " WHERE "
                + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
                + " AND time >= "
                + from.toEpochMilli()
                + "ms");
    return central.query(commands + "; " + cancels).map(CommandStore::read);
  }

  private static String selectAll(String measurement, String where) {
    return "SELECT * FROM " + identifier(measurement) + where;
  }

  /** Commands of statement 0 (earliest point per id, in time order) with cancels of statement 1. */
  private static List<IssuedCommand> read(JsonArray results) {
    Map<String, IssuedCommand> byId = new LinkedHashMap<>();
    for (ResultSeries series : ResultSeries.of(results, 0)) {
      for (int row = 0; row < series.rows().size(); row++) {
        String id = (String) series.value(row, Schema.TAG_COMMAND);
        if (!byId.containsKey(id) && whole(series, row, COMMAND_FIELDS)) {
          SignedCommand signed = signed(series, row);
          byId.put(
              id,
              new IssuedCommand(
                  signed,
                  SignedCommand.envelope(signed.payload()),
                  (String) series.value(row, "idempotency_key"),
                  (String) series.value(row, "request_sha256"),
                  null));
        }
      }
    }
    for (ResultSeries series : ResultSeries.of(results, 1)) {
      for (int row = 0; row < series.rows().size(); row++) {
        String id = (String) series.value(row, Schema.TAG_COMMAND);
        IssuedCommand command = byId.get(id);
        if (command != null && command.cancel() == null && whole(series, row, CANCEL_FIELDS)) {
          byId.put(
              id,
              command.withCancel(
                  new IssuedCommand.Cancel(
                      Instant.ofEpochMilli(series.time(row)),
                      (String) series.value(row, "canceled_by"),
                      signed(series, row))));
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  private static boolean whole(ResultSeries series, int row, List<String> fields) {
    return fields.stream().allMatch(field -> series.value(row, field) != null);
  }

  private static SignedCommand signed(ResultSeries series, int row) {
    return new SignedCommand(
        ((String) series.value(row, "payload")).getBytes(StandardCharsets.UTF_8),
        Base64.getDecoder().decode((String) series.value(row, "signature")),
        (String) series.value(row, "key_id"));
  }
}
