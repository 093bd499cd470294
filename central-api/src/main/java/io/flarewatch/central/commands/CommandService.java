package io.flarewatch.central.commands;

import io.flarewatch.central.commands.EdgeReports.Event;
import io.flarewatch.central.config.CommandsConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.wire.command.CommandAction;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.RampPlanner;
import io.flarewatch.wire.command.SignedCommand;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What central does with commands, apart from HTTP: plans, signs, stores and publishes them, and
 * reads them back merged with the edge's reports. Holds no state of its own: everything is in
 * InfluxDB, so any replica answers alike.
 */
final class CommandService {

  /** Where a new command (or cancel) of a site is published for the replica holding its stream. */
  static String address(String site) {
    return "flarewatch.commands." + site;
  }

  /** The largest canonical envelope stored (InfluxDB string fields hold 64 KiB). */
  static final int MAX_PAYLOAD_BYTES = 60_000;

  /** Edge clocks may be behind central's: events are read from this long before a command. */
  private static final Duration EVENT_CLOCK_ALLOWANCE = Duration.ofHours(1);

  private final CommandStore store;
  private final EdgeReports reports;
  private final SiteMiners miners;
  private final CommandSigner signer;
  private final CommandsConfig config;
  private final EventBus bus;

  CommandService(InfluxClient influx, CommandSigner signer, CommandsConfig config, EventBus bus) {
    this.store = new CommandStore(influx);
    this.reports = new EdgeReports(influx);
    this.miners = new SiteMiners(influx);
    this.signer = signer;
    this.config = config;
    this.bus = bus;
  }

  CommandsConfig config() {
    return config;
  }

  Future<Optional<IssuedCommand>> find(String site, String id) {
    return store.find(site, id);
  }

  /** Targets resolved, ramp planned, envelope signed; nothing stored yet. */
  Future<IssuedCommand> prepare(
      SiteConfig site,
      String id,
      String user,
      String idempotencyKey,
      CommandRequest request,
      Instant now) {
    if (site.maxLoadStepKw() == null) {
      return Future.failedFuture(
          new ApiException(
              422,
              "no-load-step",
              "No load step configured",
              "Site '"
                  + site.id()
                  + "' has neither ratedKw nor maxLoadStepKw in central's config: without them no"
                  + " ramp can be planned, so it takes no commands."));
    }
    return miners
        .read(site.id(), now)
        .map(
            all -> {
              List<SiteMiner> targets = request.targets().resolve(all);
              List<RampPlanner.Load> loads = new ArrayList<>();
              for (SiteMiner miner : targets) {
                loads.add(new RampPlanner.Load(miner.id(), watts(site, miner)));
              }
              RampPlanner planner =
                  new RampPlanner(
                      site.maxLoadStepKw() * 1000, Duration.ofSeconds(site.rampStepSeconds()));
              Map<String, Long> plan = planner.plan(loads, request.stagger());
              long last = plan.values().stream().mapToLong(Long::longValue).max().orElse(0);
              Duration window = Duration.between(request.notBefore(), request.expiresAt());
              if (last >= window.toMillis()) {
                throw new ApiException(
                    422,
                    "plan-too-long",
                    "Plan longer than the command's window",
                    "The ramp needs "
                        + (last / 1000 + 1)
                        + " s to reach every target (load step "
                        + site.maxLoadStepKw()
                        + " kW per "
                        + site.rampStepSeconds()
                        + " s), but the command expires "
                        + window.toSeconds()
                        + " s after it starts; set a later expiresAt or target fewer miners.");
              }
              CommandEnvelope envelope =
                  new CommandEnvelope(
                      id,
                      site.id(),
                      request.action(),
                      request.watts(),
                      null,
                      targets.stream().map(SiteMiner::id).toList(),
                      plan,
                      user,
                      now,
                      request.notBefore(),
                      request.expiresAt());
              SignedCommand signed = signer.sign(envelope);
              if (signed.payload().length > MAX_PAYLOAD_BYTES) {
                throw new ApiException(
                    422,
                    "too-many-targets",
                    "Too many targets",
                    targets.size() + " targets make a command too large; split it.");
              }
              return new IssuedCommand(
                  signed, envelope, idempotencyKey, request.requestSha256(), null);
            });
  }

  /** Stores the command, then publishes it to the site's stream. */
  Future<Void> issue(IssuedCommand command) {
    return store
        .store(command)
        .onSuccess(stored -> publish(command.envelope().site(), command.id(), command.signed()));
  }

  /** A signed cancel envelope of the command, issued by {@code user} now. */
  IssuedCommand.Cancel prepareCancel(IssuedCommand command, String user, Instant now) {
    CommandEnvelope cancel =
        new CommandEnvelope(
            CommandIds.cancelOf(command.id()),
            command.envelope().site(),
            CommandAction.CANCEL,
            null,
            command.id(),
            List.of(),
            Map.of(),
            user,
            now,
            now,
            command.envelope().expiresAt());
    return new IssuedCommand.Cancel(now, user, signer.sign(cancel));
  }

  /** Stores the cancel, then publishes its envelope (the edge may hold the command already). */
  Future<Void> cancel(IssuedCommand command, IssuedCommand.Cancel cancel) {
    String site = command.envelope().site();
    return store
        .storeCancel(site, command.id(), cancel)
        .onSuccess(stored -> publish(site, CommandIds.cancelOf(command.id()), cancel.signed()));
  }

  /** The edge's events about one command and its cancel, and its miners' steps. */
  Future<EdgeReports.Detail> reports(IssuedCommand command) {
    return reports.detail(
        command.envelope().site(), command.id(), CommandIds.cancelOf(command.id()));
  }

  /** The site's commands issued in [from, to) with the edge's events, oldest first. */
  Future<Listed> list(String site, Instant from, Instant to, String action, int scanLimit) {
    return store
        .issued(site, from, to, action, scanLimit)
        .compose(
            commands ->
                reports
                    .events(site, from.minus(EVENT_CLOCK_ALLOWANCE))
                    .map(events -> new Listed(commands, events)));
  }

  /** Commands with the edge's events by command id. */
  record Listed(List<IssuedCommand> commands, Map<String, List<Event>> events) {}

  /**
   * What the site's edge should be sent now, oldest first: every command not canceled at central,
   * not expired and not yet reported by the edge; and the cancel envelope of every canceled command
   * the edge holds but has not executed, whose cancel it has not answered.
   */
  Future<List<Outgoing>> pending(String site, Instant now) {
    Instant from = now.minusSeconds(config.maxExpirySeconds());
    return list(site, from, now.plus(EVENT_CLOCK_ALLOWANCE), null, Integer.MAX_VALUE - 1)
        .map(
            listed -> {
              List<Outgoing> out = new ArrayList<>();
              for (IssuedCommand command : listed.commands()) {
                if (!now.isBefore(command.envelope().expiresAt())) {
                  continue;
                }
                List<Event> events = listed.events().get(command.id());
                String cancelId = CommandIds.cancelOf(command.id());
                if (command.cancel() == null) {
                  if (events == null) {
                    out.add(new Outgoing(command.id(), command.signed()));
                  }
                } else if (CommandState.DELIVERED.equals(CommandState.of(command, events, now))
                    && !listed.events().containsKey(cancelId)) {
                  out.add(new Outgoing(cancelId, command.cancel().signed()));
                }
              }
              return out;
            });
  }

  /** An envelope to send to the edge, with its id. */
  record Outgoing(String id, SignedCommand signed) {
    JsonObject toBusMessage() {
      return new JsonObject().put("id", id).put("frame", frame(signed));
    }
  }

  /** The text frame carrying a signed envelope to the edge. */
  static String frame(SignedCommand signed) {
    return new JsonObject()
        .put("type", "command")
        .put("command", new JsonObject(signed.toJson().toString()))
        .encode();
  }

  private void publish(String site, String id, SignedCommand signed) {
    bus.publish(address(site), new Outgoing(id, signed).toBusMessage());
  }

  /** A miner's running draw: its highest reported power, or the site's default. */
  private static double watts(SiteConfig site, SiteMiner miner) {
    double fallback = site.minerWattsDefault();
    return miner.watts() != null && miner.watts() >= 0.1 * fallback ? miner.watts() : fallback;
  }
}
