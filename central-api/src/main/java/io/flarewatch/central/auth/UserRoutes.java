package io.flarewatch.central.auth;

import io.flarewatch.central.audit.AuditLog;
import io.flarewatch.central.audit.AuditQueryHandler;
import io.flarewatch.central.audit.AuditRecorder;
import io.flarewatch.central.config.AuthConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * Mounts the login ({@code POST /api/v1/auth/token}) and the audit log ({@code GET /api/v1/audit},
 * admins only) and hands back the {@link Authz} that guards every other user route.
 */
public final class UserRoutes {

  private UserRoutes() {}

  public static Authz mount(Vertx vertx, Router router, AuthConfig config, InfluxClient influx) {
    AuditRecorder audit = new AuditRecorder(new AuditLog(influx));
    BearerTokens tokens = new BearerTokens(vertx, config, Clock.systemUTC());
    Authz authz = new Authz(tokens, audit);
    router
        .post("/api/v1/auth/token")
        .handler(
            new TokenHandler(
                new LocalLogin(config),
                tokens.local(),
                new LoginThrottle(Clock.systemUTC()),
                audit));
    router
        .get("/api/v1/audit")
        .handler(authz.require(Role.ADMIN))
        .respond(new AuditQueryHandler(influx));
    return authz;
  }
}
