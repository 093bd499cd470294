package io.flarewatch.wire.command;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a command asks of its miners, by its wire name. */
public enum CommandAction {
  /** Stop hashing and draw as little as the firmware allows. */
  SLEEP,
  /** Resume hashing. */
  WAKE,
  /** Set the miner's power limit to {@code params.watts}. */
  POWER_LIMIT,
  /** Withdraw the not yet executed command {@code params.command} (no targets, no plan). */
  CANCEL;

  /** The name on the wire and in the API: {@code sleep}, {@code wake}, {@code power_limit}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The action of a wire name.
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static CommandAction fromWire(String name) {
    for (CommandAction action : values()) {
      if (action.wireName().equals(name)) {
        return action;
      }
    }
    throw new IllegalArgumentException(
        "action '"
            + name
            + "' is not one of "
            + Arrays.stream(values())
                .map(CommandAction::wireName)
                .collect(Collectors.joining(", ")));
  }
}
