package io.flarewatch.central.auth;

import io.flarewatch.central.config.AuthConfig;
import io.flarewatch.central.config.UserConfig;
import io.flarewatch.config.PasswordHash;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a local user's name and password. Blocking (PBKDF2 takes a good fraction of a second by
 * design): call it off the event loop.
 *
 * <p>An unknown user costs a full PBKDF2 check too, against a hash no password matches, so the time
 * a login takes does not tell whether the user exists.
 */
public final class LocalLogin {

  private final Map<String, UserConfig> users = new HashMap<>();
  private final Map<String, PasswordHash> hashes = new HashMap<>();
  private final PasswordHash unknownUser;

  public LocalLogin(AuthConfig config) {
    int iterations = PasswordHash.MIN_ITERATIONS;
    for (UserConfig user : config.users()) {
      users.put(user.name(), user);
      PasswordHash hash = user.password();
      hashes.put(user.name(), hash);
      iterations = Math.max(iterations, hash.iterations());
    }
    unknownUser = PasswordHash.unmatchable(iterations);
  }

  /** The user when the password is theirs; empty for an unknown user or a wrong password. */
  public Optional<UserConfig> check(String name, char[] password) {
    PasswordHash hash = hashes.getOrDefault(name, unknownUser);
    boolean matches = hash.matches(password);
    return matches && users.containsKey(name) ? Optional.of(users.get(name)) : Optional.empty();
  }
}
