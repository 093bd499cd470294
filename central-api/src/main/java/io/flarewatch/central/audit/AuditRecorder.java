package io.flarewatch.central.audit;

import io.flarewatch.central.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Records a user request in the audit log once its response is done: who (the principal, or the
 * name a login claimed), what (method, path, query), the status answered, and from where (peer
 * address and {@code X-Forwarded-For}). Request bodies, and so passwords, are never recorded.
 */
public final class AuditRecorder {

  private static final String REGISTERED = "flarewatch.audit.registered";
  private static final String CLAIMED_USER = "flarewatch.audit.claimedUser";
  private static final String NOTE = "flarewatch.audit.note";
  private static final String SITE = "flarewatch.audit.site";

  private final AuditLog log;

  public AuditRecorder(AuditLog log) {
    this.log = log;
  }

  /** Audits this request when its response ends (once, however many handlers ask). */
  public void recordWhenDone(RoutingContext ctx) {
    if (ctx.get(REGISTERED) != null) {
      return;
    }
    ctx.put(REGISTERED, Boolean.TRUE);
    HttpServerRequest request = ctx.request();
    SocketAddress remote = request.remoteAddress();
    String method = request.method().name();
    String path = request.path();
    String query = request.query();
    String remoteAddress = remote == null ? null : remote.hostAddress();
    String forwardedFor = request.getHeader("X-Forwarded-For");
    ctx.addEndHandler(
        done -> {
          Principal principal = ctx.get(Principal.CONTEXT_KEY);
          String note = ctx.get(NOTE);
          if (done.failed()) {
            note =
                (note == null ? "" : note + "; ") + "connection closed before the response ended";
          }
          log.recordOrCount(
              new AuditEntry(
                  principal != null ? principal.name() : ctx.get(CLAIMED_USER),
                  principal != null && principal.role() != null ? principal.role().name() : null,
                  principal != null ? principal.via() : null,
                  method,
                  path,
                  query,
                  ctx.response().getStatusCode(),
                  remoteAddress,
                  forwardedFor,
                  note,
                  ctx.get(SITE)));
        });
  }

  /**
   * Stores an entry for an action the request is about to take, before it takes it: the principal,
   * the request and {@code note} (what is about to be done), with status 0 (not answered yet; the
   * request's own entry follows with its status). Fails when the entry was not stored, and then the
   * action must not be taken.
   */
  public Future<Void> recordAction(RoutingContext ctx, String note) {
    Principal principal = Principal.of(ctx);
    HttpServerRequest request = ctx.request();
    SocketAddress remote = request.remoteAddress();
    return log.record(
        new AuditEntry(
            principal.name(),
            principal.role() == null ? null : principal.role().name(),
            principal.via(),
            request.method().name(),
            request.path(),
            request.query(),
            0,
            remote == null ? null : remote.hostAddress(),
            request.getHeader("X-Forwarded-For"),
            note,
            ctx.get(SITE)));
  }

  /** Entries that could not be stored since start (see {@link AuditLog#lostEntries()}). */
  public long lostEntries() {
    return log.lostEntries();
  }

  /** The user name a login attempt claimed, recorded when it does not authenticate. */
  public static void claimedUser(RoutingContext ctx, String name) {
    ctx.put(CLAIMED_USER, name);
  }

  /**
   * The configured site the request is about, for the entry's {@code site} tag (only ids central
   * knows: the tag's values stay few).
   */
  public static void site(RoutingContext ctx, String siteId) {
    ctx.put(SITE, siteId);
  }

  /** A short reason to keep with the entry, e.g. why a token was refused. */
  public static void note(RoutingContext ctx, String note) {
    ctx.put(NOTE, note);
  }
}
