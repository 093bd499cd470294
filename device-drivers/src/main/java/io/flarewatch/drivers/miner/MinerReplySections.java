package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sections ({@code SUMMARY}, {@code STATS}, {@code POOLS}, ...) of one or more replies, joined
 * or not, flattened into one view: section name to its entries, plus every STATUS entry.
 */
public final class MinerReplySections {

  private final Map<String, List<JsonNode>> sections = new LinkedHashMap<>();
  private final List<JsonNode> statuses = new ArrayList<>();

  private MinerReplySections() {}

  /**
   * Builds the view from decoded replies keyed by the request that produced them. A joined request
   * ({@code summary+pools}) has one key per command, each an array holding that command's reply.
   */
  public static MinerReplySections of(Map<String, JsonNode> repliesByRequest) {
    MinerReplySections view = new MinerReplySections();
    repliesByRequest.forEach(
        (request, reply) -> {
          if (request.contains("+")) {
            for (String command : request.split("\\+")) {
              JsonNode part = reply.path(command.trim()).path(0);
              if (part.isObject()) {
                view.add(part);
              }
            }
          } else {
            view.add(reply);
          }
        });
    return view;
  }

  private void add(JsonNode reply) {
    for (Map.Entry<String, JsonNode> field : reply.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals("STATUS")) {
        if (value.isArray()) {
          value.forEach(statuses::add);
        } else {
          statuses.add(reply);
        }
      } else if (value.isArray() && name.equals(name.toUpperCase(Locale.ROOT))) {
        List<JsonNode> entries = sections.computeIfAbsent(name, k -> new ArrayList<>());
        value.forEach(
            entry -> {
              if (entry.isObject()) {
                entries.add(entry);
              }
            });
      }
    }
  }

  /** Entries of a section (e.g. {@code POOLS}); empty when the section is absent. */
  public List<JsonNode> section(String name) {
    return sections.getOrDefault(name, List.of());
  }

  /** First entry of a section, or {@code null}. */
  public JsonNode first(String name) {
    List<JsonNode> entries = section(name);
    return entries.isEmpty() ? null : entries.get(0);
  }

  /** Every STATUS entry seen. */
  public List<JsonNode> statuses() {
    return List.copyOf(statuses);
  }
}
