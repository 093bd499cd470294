package io.flarewatch.central.commands;

import io.flarewatch.central.auth.Authz;
import io.flarewatch.central.auth.Principal;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.JsonBodies;
import io.flarewatch.central.http.SitePath;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;

/**
 * The user side of commands: issue ({@code POST /api/v1/sites/{site}/commands}), one command
 * ({@code GET .../commands/{id}}), cancel ({@code POST .../commands/{id}/cancel}) and central's
 * public key ({@code GET /api/v1/commands/public-key}). Every action is audited before it is taken.
 */
final class CommandHandlers {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final int MAX_IDEMPOTENCY_KEY_CHARS = 128;

  private final CommandService commands;
  private final CommandSigner signer;
  private final Authz authz;
  private final Clock clock;

  CommandHandlers(CommandService commands, CommandSigner signer, Authz authz, Clock clock) {
    this.commands = commands;
    this.signer = signer;
    this.authz = authz;
    this.clock = clock;
  }

  /** 201 with the new command, or 200 with the one an earlier request with this key issued. */
  Future<JsonObject> issue(RoutingContext ctx) {
    SiteConfig site = SitePath.site(ctx);
    String key = idempotencyKey(ctx);
    Principal user = Principal.of(ctx);
    Instant now = clock.instant();
    Buffer raw = ctx.body().buffer();
    CommandRequest request =
        CommandRequest.of(
            JsonBodies.object(
                ctx,
                "invalid-command",
                "A command is {\"action\": \"sleep|wake|power_limit\", \"targets\": ...}."),
            raw.getBytes(),
            commands.config(),
            now);
    String id = CommandIds.of(site.id(), user.name(), key);
    return commands
        .find(site.id(), id)
        .compose(
            earlier -> {
              if (earlier.isPresent()) {
                if (!earlier.get().requestSha256().equals(request.requestSha256())) {
                  throw new ApiException(
                      422,
                      "idempotency-key-reused",
                      "Idempotency key reused",
                      "Idempotency-Key "
                          + ApiException.quoted(key)
                          + " already issued command "
                          + id
                          + " with another body; use a new key for a new command.");
                }
                return answer(ctx, earlier.get(), 200, now);
              }
              return commands
                  .prepare(site, id, user.name(), key, request, now)
                  .compose(
                      command ->
                          authz
                              .auditAction(ctx, "issue command " + describe(command))
                              .recover(e -> Future.failedFuture(ApiException.storageUnavailable(e)))
                              .compose(audited -> commands.issue(command))
                              .compose(stored -> answer(ctx, command, 201, now)));
            });
  }

  /** The command with its state, plan, the edge's events and one row per targeted miner. */
  Future<JsonObject> get(RoutingContext ctx) {
    SiteConfig site = SitePath.site(ctx);
    return found(site, ctx.pathParam("id")).compose(command -> detail(command, clock.instant()));
  }

  /** Cancels a command not yet executed; 409 once the edge executes (or executed) it. */
  Future<JsonObject> cancel(RoutingContext ctx) {
    SiteConfig site = SitePath.site(ctx);
    Principal user = Principal.of(ctx);
    Instant now = clock.instant();
    return found(site, ctx.pathParam("id"))
        .compose(
            command ->
                commands
                    .reports(command)
                    .compose(
                        reports -> {
                          String state =
                              CommandState.of(command, reports.events().get(command.id()), now);
                          if (command.cancel() != null || state.equals(CommandState.CANCELED)) {
                            return detail(command, now);
                          }
                          if (!CommandState.cancelable(state)) {
                            throw new ApiException(
                                409,
                                "not-cancelable",
                                "Command cannot be canceled",
                                "Command "
                                    + command.id()
                                    + " is "
                                    + state
                                    + "; only a queued or delivered command can be canceled.");
                          }
                          IssuedCommand.Cancel cancel =
                              commands.prepareCancel(command, user.name(), now);
                          return authz
                              .auditAction(
                                  ctx, "cancel command " + command.id() + " (" + state + ")")
                              .recover(e -> Future.failedFuture(ApiException.storageUnavailable(e)))
                              .compose(audited -> commands.cancel(command, cancel))
                              .compose(stored -> detail(command.withCancel(cancel), now));
                        }));
  }

  /** Central's command signing key, PEM, for the edge's {@code centralPublicKeyFile}. */
  Future<Buffer> publicKey(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-pem-file")
        .putHeader("X-Command-Signing-Key", signer.keyId());
    return Future.succeededFuture(Buffer.buffer(signer.publicKeyPem()));
  }

  private Future<IssuedCommand> found(SiteConfig site, String id) {
    return commands
        .find(site.id(), id)
        .map(
            command ->
                command.orElseThrow(
                    () ->
                        ApiException.notFound(
                            "Site '"
                                + site.id()
                                + "' has no command "
                                + ApiException.quoted(id)
                                + ".")));
  }

  private Future<JsonObject> detail(IssuedCommand command, Instant now) {
    return commands
        .reports(command)
        .map(
            reports ->
                CommandState.detail(
                    command,
                    reports.events().get(command.id()),
                    reports.events().get(CommandIds.cancelOf(command.id())),
                    reports.miners(),
                    now));
  }

  private Future<JsonObject> answer(
      RoutingContext ctx, IssuedCommand command, int status, Instant now) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(
            HttpHeaders.LOCATION,
            "/api/v1/sites/" + command.envelope().site() + "/commands/" + command.id());
    return detail(command, now);
  }

  private static String idempotencyKey(RoutingContext ctx) {
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    if (key == null || key.isEmpty()) {
      throw ApiException.badRequest(
          "missing-idempotency-key",
          "Header Idempotency-Key is required: a value of your choice, 1 to 128 printable"
              + " characters, the same when you retry this request.");
    }
    boolean printable = key.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    if (key.length() > MAX_IDEMPOTENCY_KEY_CHARS || !printable) {
      throw ApiException.badRequest(
          "invalid-idempotency-key",
          "Header Idempotency-Key must be 1 to 128 printable ASCII characters; got "
              + key.length()
              + " characters"
              + (printable ? "" : " with some not printable")
              + ".");
    }
    return key;
  }

  private static String describe(IssuedCommand command) {
    var e = command.envelope();
    return e.id()
        + ": "
        + e.action().wireName()
        + (e.watts() == null ? "" : " " + e.watts() + " W")
        + " of "
        + e.targets().size()
        + " miner(s) from "
        + e.notBefore()
        + " until "
        + e.expiresAt()
        + " (key "
        + command.signed().keyId()
        + ")";
  }
}
