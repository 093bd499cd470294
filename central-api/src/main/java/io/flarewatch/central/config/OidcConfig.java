package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.central.auth.PublicKeyPem;
import io.flarewatch.config.ConfigException;
import java.util.List;

/**
 * An OpenID Connect provider whose access tokens central accepts besides its own.
 *
 * @param issuer the tokens' {@code iss}, exactly
 * @param audience a value the tokens' {@code aud} must hold (central's client id at the provider)
 * @param roleClaim the claim holding the user's role: a role name or a list of them (the highest
 *     wins); other values are ignored
 * @param publicKeysPem the provider's signing keys ({@code -----BEGIN PUBLIC KEY-----}): RSA for
 *     RS256, EC P-256 for ES256; list the next key before the provider rotates to it
 * @param sitesClaim the claim listing the sites a user may see (a site id or a list of them; {@code
 *     "*"} for every site; a token without it sees no site); absent: provider users see every site
 */
public record OidcConfig(
    @JsonProperty("issuer") String issuer,
    @JsonProperty("audience") String audience,
    @JsonProperty("roleClaim") String roleClaim,
    @JsonProperty("publicKeysPem") List<String> publicKeysPem,
    @JsonProperty("sitesClaim") String sitesClaim) {

  public static final String DEFAULT_ROLE_CLAIM = "roles";

  public OidcConfig {
    if (issuer == null || issuer.isBlank()) {
      throw new ConfigException("auth.oidc.issuer", "is required: the tokens' iss");
    }
    if (audience == null || audience.isBlank()) {
      throw new ConfigException("auth.oidc.audience", "is required: central's client id");
    }
    roleClaim = roleClaim == null || roleClaim.isBlank() ? DEFAULT_ROLE_CLAIM : roleClaim;
    if (publicKeysPem == null || publicKeysPem.isEmpty()) {
      throw new ConfigException(
          "auth.oidc.publicKeysPem", "is required: at least one of the provider's signing keys");
    }
    publicKeysPem = List.copyOf(publicKeysPem);
    for (int i = 0; i < publicKeysPem.size(); i++) {
      algorithm(publicKeysPem, i);
    }
    if (sitesClaim != null && sitesClaim.isBlank()) {
      throw new ConfigException(
          "auth.oidc.sitesClaim", "is blank; leave it out to let provider users see every site");
    }
  }

  /** A provider whose users see every site. */
  public OidcConfig(String issuer, String audience, String roleClaim, List<String> publicKeysPem) {
    this(issuer, audience, roleClaim, publicKeysPem, null);
  }

  /** The JWS algorithm of key {@code i}: RS256 or ES256. */
  public String algorithm(int i) {
    return algorithm(publicKeysPem, i);
  }

  private static String algorithm(List<String> keys, int i) {
    try {
      return PublicKeyPem.algorithm(keys.get(i));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("auth.oidc.publicKeysPem[" + i + "]", e.getMessage());
    }
  }
}
