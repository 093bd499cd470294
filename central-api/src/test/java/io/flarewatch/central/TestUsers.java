package io.flarewatch.central;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.AuthConfig;
import io.flarewatch.central.config.OidcConfig;
import io.flarewatch.central.config.UserConfig;
import io.flarewatch.config.PasswordHash;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One local user per role, named after it ("viewer" … "admin"), for tests. */
public final class TestUsers {

  public static final String JWT_SECRET = "test-secret-that-is-at-least-32-bytes-long";
  private static List<UserConfig> users;

  private TestUsers() {}

  public static String name(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  public static String password(Role role) {
    return "pw-of-" + name(role);
  }

  /** The users, hashed once per test run (the minimum iterations, to keep tests quick). */
  public static synchronized List<UserConfig> users() {
    if (users == null) {
      List<UserConfig> all = new ArrayList<>();
      for (Role role : Role.values()) {
        String hash =
            PasswordHash.of(password(role).toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        all.add(new UserConfig(name(role), role, hash));
      }
      users = List.copyOf(all);
    }
    return users;
  }

  public static AuthConfig auth() {
    return auth(null);
  }

  public static AuthConfig auth(OidcConfig oidc) {
    return new AuthConfig(users(), JWT_SECRET, null, oidc);
  }

  public static HttpResponse<Buffer> login(
      WebClient client, int port, String username, String password) {
    return client
        .post(port, "127.0.0.1", "/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("username", username).put("password", password))
        .await();
  }

  private static final Map<String, String> TOKENS = new HashMap<>();

  /**
   * GET as the user with this role, logging in once per central (port) and role; the query
   * parameters are added in the map's order.
   */
  public static synchronized HttpResponse<Buffer> get(
      WebClient client, int port, Role role, String path, Map<String, String> params) {
    String token = TOKENS.computeIfAbsent(port + "/" + role, key -> token(client, port, role));
    HttpRequest<Buffer> request =
        client.get(port, "127.0.0.1", path).bearerTokenAuthentication(token);
    params.forEach(request::addQueryParam);
    return request.send().await();
  }

  /** A bearer token of the user with this role. */
  public static String token(WebClient client, int port, Role role) {
    HttpResponse<Buffer> response = login(client, port, name(role), password(role));
    if (response.statusCode() != 200) {
      throw new AssertionError("login of " + name(role) + " failed: " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("token");
  }
}
