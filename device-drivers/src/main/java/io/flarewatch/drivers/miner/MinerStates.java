package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a miner is doing, from its replies: {@code SLEEPING} if a sleep/pause flag is set; else
 * {@code MINING} if hashrate &gt; 0; else {@code ERROR} if a device reports Dead/Sick/NoStart or no
 * pool is alive; else {@code IDLE} (hashrate 0) or {@code UNKNOWN} (no hashrate). Pure.
 */
final class MinerStates {

  private static final Pattern SLEEP_MESSAGE =
      Pattern.compile("sleep|paused|curtail", Pattern.CASE_INSENSITIVE);
  private static final Set<String> SLEEP_FLAGS =
      Set.of("paused", "sleep", "sleeping", "issleeping", "curtailed");
  private static final Set<String> FAILED_DEVICE_STATUS = Set.of("dead", "sick", "nostart");

  private MinerStates() {}

  static MinerState of(MinerReplySections replies, Double hashrateThs, MinerPools pools) {
    if (sleeping(replies)) {
      return MinerState.SLEEPING;
    }
    if (hashrateThs != null && hashrateThs > 0) {
      return MinerState.MINING;
    }
    boolean deviceFailed =
        replies.section("DEVS").stream()
            .map(dev -> LenientValues.text(dev, "Status"))
            .anyMatch(s -> s != null && FAILED_DEVICE_STATUS.contains(s.toLowerCase(Locale.ROOT)));
    boolean noPoolAlive = pools.total() != null && pools.total() > 0 && pools.alive() == 0;
    if (deviceFailed || noPoolAlive) {
      return MinerState.ERROR;
    }
    return hashrateThs == null ? MinerState.UNKNOWN : MinerState.IDLE;
  }

  /**
   * A STATUS {@code Msg} saying sleep/paused/curtail, a Whatsminer {@code status} whose {@code
   * Msg.mineroff} is true, Antminer {@code miner-mode} 1, or a true {@code Paused}/{@code
   * Sleep}/{@code Sleeping}/{@code IsSleeping}/{@code Curtailed} field.
   */
  private static boolean sleeping(MinerReplySections replies) {
    for (JsonNode status : replies.statuses()) {
      String msg = LenientValues.text(status, "Msg");
      if (msg != null && SLEEP_MESSAGE.matcher(msg).find()) {
        return true;
      }
      JsonNode msgObject = status.get("Msg");
      if (msgObject != null
          && msgObject.isObject()
          && LenientValues.truthy(msgObject.get("mineroff"))) {
        return true; // Whatsminer `status`: powered off by power_off
      }
    }
    List<JsonNode> candidates = new ArrayList<>(replies.section("SUMMARY"));
    candidates.addAll(replies.section("STATS"));
    for (JsonNode entry : candidates) {
      Double minerMode = LenientValues.number(entry, "miner-mode");
      if (minerMode != null && minerMode == 1) {
        return true;
      }
      for (Map.Entry<String, JsonNode> field : entry.properties()) {
        if (SLEEP_FLAGS.contains(field.getKey().toLowerCase(Locale.ROOT))
            && LenientValues.truthy(field.getValue())) {
          return true;
        }
      }
    }
    return false;
  }
}
