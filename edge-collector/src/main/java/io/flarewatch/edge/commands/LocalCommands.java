package io.flarewatch.edge.commands;

import io.flarewatch.wire.command.CommandAction;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.SignedCommand;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands given at the site itself, through the site-local app, while central may be out of reach.
 * They carry no central signature (central never saw them): the site-local API has checked the
 * user's token and role instead. From there on they are central's commands' twins: stored in the
 * same table under their id (so the same id is never executed twice, even after a restart), run by
 * the same {@link CommandExecutorVerticle} (plan, ramp, read-back, durable per-miner progress) and
 * reported by the same lines, the first of which ({@code command_event state=delivered}) names
 * {@code origin=site-local} and {@code issued_by}, so the audit of who did it reaches central
 * through the buffer.
 */
public final class LocalCommands {

  /** The {@code origin} of a command given at the site. */
  public static final String ORIGIN = "site-local";

  /** Ids of commands given at the site start with this, so they never collide with central's. */
  public static final String ID_PREFIX = "local-";

  private static final Logger LOG = LoggerFactory.getLogger(LocalCommands.class);

  private final String site;
  private final CommandStore store;
  private final CommandExecutorVerticle executor;

  LocalCommands(String site, CommandStore store, CommandExecutorVerticle executor) {
    this.site = site;
    this.store = store;
    this.executor = executor;
  }

  /**
   * Stores the command and hands it to the executor.
   *
   * @return fails with {@link IllegalArgumentException} for another site, a cancel or an id not
   *     starting with {@value #ID_PREFIX}, or one stored before
   */
  public Future<Void> submit(CommandEnvelope command) {
    return submit(command, List.of());
  }

  /**
   * Stores the command, with {@code alongside} (e.g. the audit entry of who gave it) in the same
   * transaction, and hands it to the executor.
   *
   * @return fails as {@link #submit(CommandEnvelope)} does; then nothing was stored
   */
  public Future<Void> submit(CommandEnvelope command, List<String> alongside) {
    if (!command.site().equals(site)
        || command.action() == CommandAction.CANCEL
        || !command.id().startsWith(ID_PREFIX)) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "a site-local command is sleep, wake or power_limit for site "
                  + site
                  + " with an id starting '"
                  + ID_PREFIX
                  + "'"));
    }
    SignedCommand unsigned =
        new SignedCommand(SignedCommand.canonicalBytes(command), new byte[0], ORIGIN);
    return store
        .acceptLocal(command, unsigned, alongside)
        .compose(
            stored -> {
              if (!stored) {
                return Future.failedFuture(
                    new IllegalArgumentException("command id " + command.id() + " is taken"));
              }
              LOG.info(
                  "site-local command {} accepted: {} of {} miners, issued by {}",
                  command.id(),
                  command.action().wireName(),
                  command.targets().size(),
                  command.issuedBy());
              executor.execute(command);
              return Future.succeededFuture();
            });
  }

  /** The newest stored commands (central's and the site's), newest first. */
  public Future<List<StoredCommand>> recent(int limit) {
    return store
        .recent(limit)
        .map(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new StoredCommand(
                                r.id(),
                                r.action(),
                                r.state(),
                                r.receivedMillis(),
                                r.envelope(),
                                r.signedByCentral() ? "central" : ORIGIN,
                                r.outcomes()))
                    .toList());
  }

  /**
   * A stored command.
   *
   * @param state {@code delivered}, {@code executing}, {@code finished} or {@code canceled}
   * @param envelope null for an id only known from a cancel
   * @param origin {@code central} or {@code site-local}
   * @param miners how many targets have each outcome ({@code confirmed}, {@code failed}, {@code
   *     skipped}) or, while not done, state ({@code pending}, {@code sending})
   */
  public record StoredCommand(
      String id,
      String action,
      String state,
      long receivedMillis,
      CommandEnvelope envelope,
      String origin,
      java.util.Map<String, Integer> miners) {}
}
