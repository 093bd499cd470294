package io.flarewatch.central.commands;

import io.flarewatch.central.http.ApiException;
import io.flarewatch.wire.Schema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which miners a command is for, as the request says it: {@code "all"}, a list of miner ids, or a
 * selector {@code {"firmware": [...], "idPrefix": "...", "exclude": [...]}} (every given condition
 * must hold; {@code exclude} alone means every miner but those). Resolved against the site's miners
 * when the command is issued.
 *
 * @param ids the listed miners, or null
 * @param firmware firmware tags to match (lower case), or null for any
 * @param idPrefix the prefix ids must have, or null for any
 * @param exclude miners left out
 */
record TargetSpec(List<String> ids, Set<String> firmware, String idPrefix, Set<String> exclude) {

  static final int MAX_LISTED = 10_000;
  private static final Set<String> SELECTOR_KEYS = Set.of("firmware", "idPrefix", "exclude");

  /** Reads {@code targets} from a request body; 400 naming what is wrong. */
  static TargetSpec parse(Object targets) {
    if (targets == null) {
      throw invalid(
          "'targets' is required: \"all\", a list of miner ids, or a selector object with"
              + " firmware, idPrefix and exclude.");
    }
    if (targets instanceof String all) {
      if (!all.equals("all")) {
        throw invalid(
            "'targets' as a string must be \"all\"; got " + ApiException.quoted(all) + ".");
      }
      return new TargetSpec(null, null, null, Set.of());
    }
    if (targets instanceof JsonArray list) {
      if (list.isEmpty()) {
        throw invalid("'targets' lists no miner.");
      }
      List<String> ids = new ArrayList<>(ids(list, "targets"));
      if (new LinkedHashSet<>(ids).size() != ids.size()) {
        throw invalid("'targets' names a miner more than once.");
      }
      return new TargetSpec(List.copyOf(ids), null, null, Set.of());
    }
    if (targets instanceof JsonObject selector) {
      Set<String> unknown = new TreeSet<>(selector.fieldNames());
      unknown.removeAll(SELECTOR_KEYS);
      if (!unknown.isEmpty()) {
        throw invalid(
            "'targets' has unknown key(s) "
                + unknown.stream().map(ApiException::excerpt).toList()
                + "; a selector takes firmware, idPrefix and exclude.");
      }
      if (selector.isEmpty()) {
        throw invalid("'targets' is an empty selector: give firmware, idPrefix or exclude.");
      }
      Set<String> firmware = null;
      if (selector.containsKey("firmware")) {
        JsonArray lowerCase = new JsonArray();
        array(selector.getValue("firmware"), "targets.firmware")
            .forEach(f -> lowerCase.add(f instanceof String s ? s.toLowerCase(Locale.ROOT) : f));
        firmware = new TreeSet<>(ids(lowerCase, "targets.firmware"));
        if (firmware.isEmpty()) {
          throw invalid("'targets.firmware' lists no firmware.");
        }
      }
      String idPrefix = null;
      if (selector.containsKey("idPrefix")) {
        if (!(selector.getValue("idPrefix") instanceof String prefix) || prefix.isEmpty()) {
          throw invalid("'targets.idPrefix' must be a non-empty string.");
        }
        idPrefix = prefix;
      }
      Set<String> exclude =
          selector.containsKey("exclude")
              ? new TreeSet<>(
                  ids(array(selector.getValue("exclude"), "targets.exclude"), "targets.exclude"))
              : Set.of();
      return new TargetSpec(null, firmware, idPrefix, Set.copyOf(exclude));
    }
    throw invalid("'targets' must be \"all\", a list of miner ids or a selector object.");
  }

  /**
   * The targeted miners among the site's, sorted by id; 422 when a listed miner is not among them
   * or nothing is left.
   */
  List<SiteMiner> resolve(List<SiteMiner> siteMiners) {
    Map<String, SiteMiner> byId =
        siteMiners.stream()
            .collect(Collectors.toMap(SiteMiner::id, Function.identity(), (a, b) -> a));
    List<SiteMiner> chosen = new ArrayList<>();
    if (ids != null) {
      List<String> unknown = ids.stream().filter(id -> !byId.containsKey(id)).sorted().toList();
      if (!unknown.isEmpty()) {
        throw unresolvable(
            "Miner(s) "
                + unknown.stream().limit(10).map(ApiException::quoted).toList()
                + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more" : "")
                + " sent no sample to central in the last "
                + SiteMiners.LOOK_BACK.toHours()
                + " hours; a command targets only miners the site reports.");
      }
      ids.forEach(id -> chosen.add(byId.get(id)));
    } else {
      for (SiteMiner miner : siteMiners) {
        if (exclude.contains(miner.id())
            || (idPrefix != null && !miner.id().startsWith(idPrefix))
            || (firmware != null
                && (miner.firmware() == null || !firmware.contains(miner.firmware())))) {
          continue;
        }
        chosen.add(miner);
      }
    }
    if (chosen.isEmpty()) {
      throw unresolvable(
          "The targets match no miner of the site ("
              + siteMiners.size()
              + " reported in the last "
              + SiteMiners.LOOK_BACK.toHours()
              + " hours).");
    }
    chosen.sort(java.util.Comparator.comparing(SiteMiner::id));
    return chosen;
  }

  private static JsonArray array(Object value, String key) {
    if (value instanceof JsonArray list) {
      return list;
    }
    throw invalid("'" + key + "' must be a list.");
  }

  private static List<String> ids(JsonArray list, String key) {
    if (list.size() > MAX_LISTED) {
      throw invalid("'" + key + "' lists more than " + MAX_LISTED + " entries.");
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object value = list.getValue(i);
      if (!(value instanceof String id) || !Schema.ID.matcher(id).matches()) {
        throw invalid(
            "'"
                + key
                + "["
                + i
                + "]' must be an id (1 to 64 lower-case letters, digits, '-' or '_'); got "
                + ApiException.quoted(String.valueOf(value))
                + ".");
      }
      ids.add(id);
    }
    return ids;
  }

  static ApiException invalid(String detail) {
    return ApiException.badRequest("invalid-command", detail);
  }

  static ApiException unresolvable(String detail) {
    return new ApiException(422, "no-targets", "Targets not found", detail);
  }
}
