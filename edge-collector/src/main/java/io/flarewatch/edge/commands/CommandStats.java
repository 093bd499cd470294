package io.flarewatch.edge.commands;

import io.flarewatch.wire.command.CommandRefusedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the commands the edge received, for metrics and tests. */
public final class CommandStats {

  /**
   * Every reason a command may be refused for ({@link CommandRefusedException#REASONS}): one
   * counter each, so the set never grows.
   */
  public static final List<String> REFUSAL_REASONS = CommandRefusedException.REASONS;

  final AtomicLong received = new AtomicLong();
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong replayed = new AtomicLong();
  final AtomicLong linkConnects = new AtomicLong();
  volatile boolean linkUp;
  private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();

  public CommandStats() {
    REFUSAL_REASONS.forEach(reason -> refused.put(reason, new AtomicLong()));
  }

  /** Command frames received from central. */
  public long received() {
    return received.get();
  }

  /** Commands verified and stored. */
  public long accepted() {
    return accepted.get();
  }

  /** Commands whose id was stored before: logged and dropped. */
  public long replayed() {
    return replayed.get();
  }

  /** Commands refused for {@code reason} (one of {@link #REFUSAL_REASONS}). */
  public long refused(String reason) {
    AtomicLong count = refused.get(reason);
    return count == null ? 0 : count.get();
  }

  /** Times the command link to central was opened. */
  public long linkConnects() {
    return linkConnects.get();
  }

  /** Whether the command link to central is open now. */
  public boolean linkUp() {
    return linkUp;
  }

  void refused(String reason, long count) {
    refused.get(CommandRefusedException.requireKnown(reason)).addAndGet(count);
  }
}
