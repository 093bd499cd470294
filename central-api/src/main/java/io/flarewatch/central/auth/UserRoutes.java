package io.flarewatch.central.auth;

import io.flarewatch.central.audit.AuditLog;
import io.flarewatch.central.audit.AuditQueryHandler;
import io.flarewatch.central.audit.AuditRecorder;
import io.flarewatch.central.config.AuthConfig;
import io.flarewatch.central.config.UserConfig;
import io.flarewatch.central.http.ClientAddress;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.login.LoginThrottle;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Mounts the login ({@code POST /api/v1/auth/token}) and the audit log ({@code GET /api/v1/audit},
 * admins only) and hands back the {@link Authz} that guards every other user route.
 */
public final class UserRoutes {

  private UserRoutes() {}

  public static Authz mount(
      Vertx vertx,
      Router router,
      AuthConfig config,
      ClientAddress clientAddress,
      InfluxClient influx) {
    // clustered: entries of two replicas in one nanosecond must not be one point
    String replica = vertx.isClustered() ? UUID.randomUUID().toString().substring(0, 8) : null;
    AuditRecorder audit = new AuditRecorder(new AuditLog(influx, replica));
    Clock clock = Clock.systemUTC();
    BearerTokens tokens = new BearerTokens(vertx, config, clock);
    Authz authz = new Authz(tokens, audit);
    Set<String> userNames =
        config.users().stream().map(UserConfig::name).collect(Collectors.toSet());
    LoginThrottle throttle = new LoginThrottle(clock, userNames);
    SharedLoginOutcomes.share(vertx, throttle);
    router
        .post("/api/v1/auth/token")
        .respond(
            new TokenHandler(
                new LocalLogin(config),
                tokens.local(),
                new DeviceTokens(config.jwtSecret(), clock),
                throttle,
                clientAddress,
                audit));
    router
        .get("/api/v1/audit")
        .handler(authz.require(Role.ADMIN))
        .respond(new AuditQueryHandler(influx));
    return authz;
  }
}
