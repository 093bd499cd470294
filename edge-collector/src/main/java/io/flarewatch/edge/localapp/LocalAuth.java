package io.flarewatch.edge.localapp;

import io.flarewatch.config.PasswordHash;
import io.flarewatch.edge.config.LocalAppConfig;
import io.flarewatch.wire.access.SiteAccessToken;
import io.flarewatch.wire.access.SiteAccessToken.InvalidAccessTokenException;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the site-local app, decided at the edge alone (central may be out of reach):
 *
 * <ul>
 *   <li>a {@link SiteAccessToken} central signed with its command key ({@code POST
 *       /api/v1/auth/site-token}), checked with the public key the edge already holds for commands
 *       ({@code commands.centralPublicKeyFile}); it must name this site (or every site);
 *   <li>a local account of {@code localApp.accounts} (PBKDF2 hash, as central's users): its login
 *       gets a token of the same form signed with a key this edge makes at start, so those logins
 *       end when the edge restarts.
 * </ul>
 */
public final class LocalAuth {

  private final String site;
  private final Map<String, LocalAppConfig.Account> accounts = new HashMap<>();
  private final Map<String, PasswordHash> hashes = new HashMap<>();
  private final PasswordHash unknownUser;
  private final PublicKey centralKey;
  private final KeyPair edgeKey = Ed25519Signatures.newKeyPair();
  private final Duration sessionLifetime;
  private final Duration skew;
  private final Clock clock;

  /**
   * @param centralKey central's public key, or null when the edge has none (only local accounts)
   */
  public LocalAuth(
      String site, LocalAppConfig config, PublicKey centralKey, Duration skew, Clock clock) {
    this.site = site;
    this.centralKey = centralKey;
    this.sessionLifetime = config.sessionLifetime();
    this.skew = skew;
    this.clock = clock;
    int iterations = PasswordHash.MIN_ITERATIONS;
    for (LocalAppConfig.Account account : config.accounts()) {
      accounts.put(account.name(), account);
      PasswordHash hash = account.password();
      hashes.put(account.name(), hash);
      iterations = Math.max(iterations, hash.iterations());
    }
    unknownUser = PasswordHash.unmatchable(iterations);
  }

  /** The names of the local accounts. */
  public Set<String> accountNames() {
    return Set.copyOf(accounts.keySet());
  }

  public String issuer() {
    return "edge:" + site;
  }

  /**
   * A local account's login: a signed token, or empty for an unknown name or a wrong password (the
   * same time either way). Blocking (PBKDF2): call it off the event loop.
   */
  public Optional<String> login(String name, char[] password) {
    boolean matches = hashes.getOrDefault(name, unknownUser).matches(password);
    LocalAppConfig.Account account = accounts.get(name);
    if (!matches || account == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    SiteAccessToken token =
        new SiteAccessToken(
            issuer(), name, account.role(), List.of(site), now, now.plus(sessionLifetime));
    return Optional.of(token.sign(edgeKey.getPrivate()));
  }

  /**
   * A token central signed, checked for use here.
   *
   * @throws InvalidAccessTokenException when it is not valid or not for this site
   */
  public SiteAccessToken central(String token) {
    if (centralKey == null) {
      throw new InvalidAccessTokenException(
          "this edge has no central public key (commands.centralPublicKeyFile) to check it with");
    }
    return forThisSite(SiteAccessToken.verify(token, List.of(centralKey), clock.instant(), skew));
  }

  /**
   * A bearer token of either kind.
   *
   * @throws InvalidAccessTokenException when it is not valid or not for this site
   */
  public SiteAccessToken verify(String token) {
    List<PublicKey> keys = new ArrayList<>(2);
    keys.add(edgeKey.getPublic());
    if (centralKey != null) {
      keys.add(centralKey);
    }
    return forThisSite(SiteAccessToken.verify(token, keys, clock.instant(), skew));
  }

  private SiteAccessToken forThisSite(SiteAccessToken token) {
    if (!token.covers(site)) {
      throw new InvalidAccessTokenException("the token does not open site " + site);
    }
    return token;
  }
}
