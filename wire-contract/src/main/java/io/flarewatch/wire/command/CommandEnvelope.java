package io.flarewatch.wire.command;

import io.flarewatch.wire.Schema;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A command as central signs it and the edge executes it: everything the edge needs, nothing it
 * must look up. Targets are resolved to miner ids when the command is issued; the plan says when
 * each target is acted on, in milliseconds after {@code notBefore} (ramp and stagger applied).
 *
 * @param id unique per command (a UUID); the edge executes an id at most once
 * @param site the site it is for; an edge refuses any other
 * @param action what to do
 * @param watts the power limit, for {@link CommandAction#POWER_LIMIT} only, else null
 * @param cancels the command withdrawn, for {@link CommandAction#CANCEL} only, else null
 * @param targets miner ids, each once (empty for a cancel)
 * @param plan offset in ms after {@code notBefore} for every target, none negative
 * @param issuedBy the user who issued it
 * @param issuedAt when central issued it
 * @param notBefore no miner is acted on before this
 * @param expiresAt nothing is acted on at or after this; the edge refuses it after this
 */
public record CommandEnvelope(
    String id,
    String site,
    CommandAction action,
    Integer watts,
    String cancels,
    List<String> targets,
    Map<String, Long> plan,
    String issuedBy,
    Instant issuedAt,
    Instant notBefore,
    Instant expiresAt) {

  public CommandEnvelope {
    require(id, "id");
    if (id.length() > 64) {
      throw new IllegalArgumentException("id is longer than 64 characters");
    }
    Schema.checkId("site", site);
    Objects.requireNonNull(action, "action");
    require(issuedBy, "issuedBy");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(notBefore)) {
      throw new IllegalArgumentException(
          "expiresAt " + expiresAt + " is not after notBefore " + notBefore);
    }
    targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
    plan = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(plan, "plan")));
    if (new LinkedHashSet<>(targets).size() != targets.size()) {
      throw new IllegalArgumentException("targets name a miner more than once");
    }
    targets.forEach(miner -> Schema.checkId("target miner", miner));
    if (!plan.keySet().equals(Set.copyOf(targets))) {
      throw new IllegalArgumentException("plan must give exactly one offset per target");
    }
    plan.forEach(
        (miner, offset) -> {
          if (offset == null || offset < 0) {
            throw new IllegalArgumentException("plan offset of " + miner + " must be >= 0 ms");
          }
        });
    switch (action) {
      case POWER_LIMIT -> {
        if (watts == null || watts <= 0) {
          throw new IllegalArgumentException("power_limit needs params.watts > 0");
        }
        requireNone(cancels, "params.command", action);
      }
      case CANCEL -> {
        require(cancels, "params.command");
        if (!targets.isEmpty()) {
          throw new IllegalArgumentException("cancel has no targets");
        }
        requireNone(watts, "params.watts", action);
      }
      default -> {
        requireNone(watts, "params.watts", action);
        requireNone(cancels, "params.command", action);
      }
    }
    if (action != CommandAction.CANCEL && targets.isEmpty()) {
      throw new IllegalArgumentException(action.wireName() + " has no target miner");
    }
  }

  /** When {@code miner} is to be acted on: {@code notBefore} plus its plan offset. */
  public Instant dueAt(String miner) {
    Long offset = plan.get(miner);
    if (offset == null) {
      throw new IllegalArgumentException(miner + " is not a target of command " + id);
    }
    return notBefore.plusMillis(offset);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is missing");
    }
  }

  private static void requireNone(Object value, String name, CommandAction action) {
    if (value != null) {
      throw new IllegalArgumentException(name + " is not allowed for " + action.wireName());
    }
  }
}
