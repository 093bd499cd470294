package io.flarewatch.edge.localapp;

import io.flarewatch.edge.commands.LocalCommands;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.SiteAudit;
import io.flarewatch.wire.access.SiteAccessToken;
import io.flarewatch.wire.command.CommandAction;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.RampPlanner;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Site-local commands: {@code POST /api/v1/sites/{site}/commands} with {@code {"action": "sleep" |
 * "wake" | "power_limit", "watts", "targets": "all" | [miner ids], "staggerSeconds",
 * "expiresInSeconds"}} (a subset of central's body) and {@code GET} of the newest commands,
 * central's and the site's. The plan ramps as central's does ({@link RampPlanner}: at most {@code
 * localApp.maxLoadStepKw} per {@code rampStepSeconds}, each miner counted at its latest {@code
 * power_w}, or {@value #UNKNOWN_MINER_WATTS} W when it reports none); {@link LocalCommands} runs
 * it.
 */
public final class LocalCommandRoutes {

  static final double UNKNOWN_MINER_WATTS = 3500;
  static final int DEFAULT_EXPIRY_SECONDS = 900;
  private static final Set<String> KEYS =
      Set.of("action", "watts", "targets", "staggerSeconds", "expiresInSeconds");

  private final String site;
  private final LocalCommands commands;
  private final LatestCycle latest;
  private final Set<String> miners;
  private final RampPlanner planner;
  private final SiteAuditLog audit;
  private final Clock clock;

  /**
   * @param planner the ramp, or null when the site-local app takes no commands
   */
  public LocalCommandRoutes(
      String site,
      LocalCommands commands,
      LatestCycle latest,
      Set<String> miners,
      RampPlanner planner,
      SiteAuditLog audit,
      Clock clock) {
    this.audit = audit;
    this.site = site;
    this.commands = commands;
    this.latest = latest;
    this.miners = miners;
    this.planner = planner;
    this.clock = clock;
  }

  /**
   * Issues a command. The audit entry of a command given commits with the command; a refused one is
   * recorded once refused.
   *
   * @param via how the user got in ({@code local} or {@code site-token})
   */
  Future<JsonObject> issue(RoutingContext ctx, SiteAccessToken user, String via) {
    try {
      return checkedAndSubmitted(ctx, user, via)
          .onFailure(e -> refused(ctx, user, via, 500, "the command was not stored: " + e));
    } catch (LocalProblem problem) {
      refused(ctx, user, via, problem.status, problem.getMessage());
      throw problem;
    }
  }

  private void refused(
      RoutingContext ctx, SiteAccessToken user, String via, int status, String why) {
    audit.recordOrCount(
        SiteAuditLog.entry(
            ctx,
            user.subject(),
            user.role(),
            via,
            SiteAudit.ACTION_COMMAND,
            SiteAudit.OUTCOME_REFUSED,
            status,
            null,
            why));
  }

  private Future<JsonObject> checkedAndSubmitted(
      RoutingContext ctx, SiteAccessToken user, String via) {
    LocalReads.noParameters(ctx, Set.of());
    if (commands == null || planner == null) {
      throw new LocalProblem(
          409,
          "local-commands-off",
          "Local commands are off",
          "This edge takes no site-local commands: its config needs a commands section and"
              + " localApp.maxLoadStepKw.");
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      throw invalid("The body must be a JSON object.");
    }
    Set<String> unknown = new TreeSet<>(body.fieldNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw invalid(
          "Unknown key(s) "
              + unknown
              + "; a site-local command takes "
              + new TreeSet<>(KEYS)
              + ".");
    }
    CommandAction action = action(body.getValue("action"));
    if (action != CommandAction.POWER_LIMIT && body.containsKey("watts")) {
      throw invalid("'watts' is for power_limit only.");
    }
    Integer watts =
        action == CommandAction.POWER_LIMIT
            ? whole(body.getValue("watts"), "watts", 1, 100_000, null)
            : null;
    List<String> targets = targets(body.getValue("targets"));
    int stagger = whole(body.getValue("staggerSeconds"), "staggerSeconds", 0, 86_400, 0);
    int expiresIn =
        whole(
            body.getValue("expiresInSeconds"),
            "expiresInSeconds",
            10,
            86_400,
            DEFAULT_EXPIRY_SECONDS);
    Map<String, JsonObject> latestMiners =
        latest.latest().map(LatestCycle.Snapshot::miners).orElse(Map.of());
    List<RampPlanner.Load> loads = new ArrayList<>();
    for (String miner : targets) {
      Object power =
          latestMiners.getOrDefault(miner, new JsonObject()).getValue(Schema.FIELD_POWER_W);
      loads.add(
          new RampPlanner.Load(
              miner,
              power instanceof Number n && n.doubleValue() > 0
                  ? n.doubleValue()
                  : UNKNOWN_MINER_WATTS));
    }
    Map<String, Long> plan = planner.plan(loads, Duration.ofSeconds(stagger));
    long last = plan.values().stream().mapToLong(Long::longValue).max().orElse(0);
    if (last >= expiresIn * 1000L) {
      throw new LocalProblem(
          422,
          "plan-too-long",
          "Plan longer than the command's window",
          "The ramp needs "
              + (last / 1000 + 1)
              + " s to reach every target, but the command expires after "
              + expiresIn
              + " s: raise expiresInSeconds or target fewer miners.");
    }
    Instant now = clock.instant();
    CommandEnvelope envelope =
        new CommandEnvelope(
            LocalCommands.ID_PREFIX + UUID.randomUUID(),
            site,
            action,
            watts,
            null,
            targets,
            plan,
            user.subject() + " (" + user.issuer() + ")",
            now,
            now,
            now.plusSeconds(expiresIn));
    String issued =
        audit.line(
            SiteAuditLog.entry(
                ctx,
                user.subject(),
                user.role(),
                via,
                SiteAudit.ACTION_COMMAND,
                SiteAudit.OUTCOME_ISSUED,
                201,
                envelope.id(),
                action.wireName()
                    + (watts == null ? "" : " " + watts + " W")
                    + " of "
                    + targets.size()
                    + " miner(s): "
                    + String.join(", ", targets)));
    return commands
        .submit(envelope, List.of(issued))
        .map(
            v -> {
              ctx.response().setStatusCode(201);
              return new JsonObject()
                  .put("id", envelope.id())
                  .put("site", site)
                  .put("action", action.wireName())
                  .put("watts", watts)
                  .put("state", "delivered")
                  .put("origin", LocalCommands.ORIGIN)
                  .put("issuedBy", envelope.issuedBy())
                  .put("issuedAt", now.toString())
                  .put("expiresAt", envelope.expiresAt().toString())
                  .put("targets", new JsonArray(targets))
                  .put("plan", new JsonObject(new java.util.LinkedHashMap<>(plan)));
            });
  }

  Future<JsonObject> list(RoutingContext ctx) {
    LocalReads.noParameters(ctx, Set.of());
    if (commands == null) {
      return Future.succeededFuture(
          new JsonObject().put("site", site).put("commands", new JsonArray()));
    }
    return commands
        .recent(100)
        .map(
            rows -> {
              JsonArray list = new JsonArray();
              for (LocalCommands.StoredCommand c : rows) {
                JsonObject row =
                    new JsonObject()
                        .put("id", c.id())
                        .put("action", c.action())
                        .put("state", c.state())
                        .put("origin", c.origin())
                        .put("receivedAt", Instant.ofEpochMilli(c.receivedMillis()).toString())
                        .put("miners", new JsonObject(new java.util.LinkedHashMap<>(c.miners())));
                if (c.envelope() != null) {
                  row.put("issuedBy", c.envelope().issuedBy())
                      .put("expiresAt", c.envelope().expiresAt().toString())
                      .put("targets", c.envelope().targets().size());
                }
                list.add(row);
              }
              return new JsonObject().put("site", site).put("commands", list);
            });
  }

  private List<String> targets(Object value) {
    if ("all".equals(value)) {
      if (miners.isEmpty()) {
        throw invalid("The site has no miners.");
      }
      return List.copyOf(new TreeSet<>(miners));
    }
    if (!(value instanceof JsonArray list) || list.isEmpty()) {
      throw invalid("'targets' must be \"all\" or a non-empty list of miner ids.");
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (Object id : list) {
      if (!(id instanceof String miner) || !miners.contains(miner)) {
        throw invalid("'targets' names a miner this site does not have: " + id + ".");
      }
      if (!ids.add(miner)) {
        throw invalid("'targets' names " + miner + " more than once.");
      }
    }
    return List.copyOf(ids);
  }

  private static CommandAction action(Object value) {
    for (CommandAction action :
        List.of(CommandAction.SLEEP, CommandAction.WAKE, CommandAction.POWER_LIMIT)) {
      if (action.wireName().equals(value)) {
        return action;
      }
    }
    throw invalid("'action' must be sleep, wake or power_limit.");
  }

  private static int whole(Object value, String key, int min, int max, Integer fallback) {
    if (value == null && fallback != null) {
      return fallback;
    }
    if (value instanceof Integer n && n >= min && n <= max) {
      return n;
    }
    throw invalid("'" + key + "' must be a whole number from " + min + " to " + max + ".");
  }

  private static LocalProblem invalid(String detail) {
    return LocalProblem.badRequest("bad-command", detail);
  }
}
