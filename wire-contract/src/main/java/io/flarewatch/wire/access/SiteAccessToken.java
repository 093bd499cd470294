package io.flarewatch.wire.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's access to sites, signed with Ed25519 so that an edge can check it with nothing but a
 * public key: central signs one with its command key for a logged-in user (the edge already holds
 * central's public key to verify commands), and an edge signs its own for its local accounts.
 *
 * <p>Form: {@code fws1.<base64url claims>.<base64url signature>}, the claims being canonical JSON
 * (keys sorted, no whitespace) {@code {"iss","sub","role","sites","iat","exp"}}; {@code sites} is a
 * list of site ids, {@code ["*"]} for every site. The signature covers the bytes as sent.
 *
 * @param issuer who signed it: {@code central}, or {@code edge:<site>}
 * @param subject the user name
 * @param role one of {@link #ROLES}
 * @param sites the sites the user may see; {@code *} for every site
 * @param issuedAt when it was signed
 * @param expiresAt when it stops being valid
 */
public record SiteAccessToken(
    String issuer,
    String subject,
    String role,
    List<String> sites,
    Instant issuedAt,
    Instant expiresAt) {

  /** The roles, lowest first; each includes every lower one. */
  public static final List<String> ROLES = List.of("VIEWER", "ENGINEER", "OPERATOR", "ADMIN");

  /** Every site. */
  public static final String ALL_SITES = "*";

  public static final String ISSUER_CENTRAL = "central";

  /** The longest lifetime a token may claim: a week, how long a site may be cut off. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(7);

  static final String PREFIX = "fws1.";
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final int MAX_TOKEN_CHARS = 4096;

  public SiteAccessToken {
    require(issuer, "iss");
    require(subject, "sub");
    if (role == null || !ROLES.contains(role.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("role is not one of " + ROLES);
    }
    role = role.toUpperCase(Locale.ROOT);
    if (sites == null || sites.isEmpty()) {
      throw new IllegalArgumentException("sites is missing or empty");
    }
    sites = List.copyOf(sites);
    if (issuedAt == null || expiresAt == null) {
      throw new IllegalArgumentException("iat or exp is missing");
    }
    Duration lifetime = Duration.between(issuedAt, expiresAt);
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "the lifetime (exp - iat) is not within 1 s to " + MAX_LIFETIME.toDays() + " days");
    }
  }

  /** True when the token's role includes {@code minimum} (e.g. OPERATOR includes ENGINEER). */
  public boolean mayActAs(String minimum) {
    int wanted = ROLES.indexOf(minimum.toUpperCase(Locale.ROOT));
    if (wanted < 0) {
      throw new IllegalArgumentException("unknown role " + minimum);
    }
    return ROLES.indexOf(role) >= wanted;
  }

  /** True when the token lets its user see {@code site}. */
  public boolean covers(String site) {
    return sites.contains(ALL_SITES) || sites.contains(site);
  }

  /** The token, signed with {@code key}. */
  public String sign(PrivateKey key) {
    Map<String, Object> claims = new TreeMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject);
    claims.put("role", role);
    claims.put("sites", sites);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", expiresAt.getEpochSecond());
    byte[] payload;
    try {
      payload = CANONICAL.writeValueAsBytes(claims);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the token's claims", e);
    }
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return PREFIX
        + b64.encodeToString(payload)
        + "."
        + b64.encodeToString(Ed25519Signatures.sign(key, payload));
  }

  /**
   * The token's claims, once its signature verifies with one of {@code keys} and it is valid at
   * {@code now} (with {@code skew} either side).
   *
   * @throws InvalidAccessTokenException naming what is wrong (never echoing the token)
   */
  public static SiteAccessToken verify(
      String token, List<PublicKey> keys, Instant now, Duration skew) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidAccessTokenException("not a site access token");
    }
    String[] parts = token.substring(PREFIX.length()).split("\\.", -1);
    if (parts.length != 2) {
      throw new InvalidAccessTokenException("not a site access token");
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getUrlDecoder().decode(parts[0]);
      signature = Base64.getUrlDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new InvalidAccessTokenException("the token is not base64url");
    }
    boolean signed = false;
    for (PublicKey key : keys) {
      if (signature.length == 64 && Ed25519Signatures.verify(key, payload, signature)) {
        signed = true;
        break;
      }
    }
    if (!signed) {
      throw new InvalidAccessTokenException("the signature does not verify with a trusted key");
    }
    SiteAccessToken claims = claims(payload);
    if (now.isBefore(claims.issuedAt.minus(skew))) {
      throw new InvalidAccessTokenException("the token's iat is in the future");
    }
    if (!now.isBefore(claims.expiresAt.plus(skew))) {
      throw new InvalidAccessTokenException("the token expired at " + claims.expiresAt);
    }
    return claims;
  }

  private static SiteAccessToken claims(byte[] payload) {
    try {
      JsonNode json = CANONICAL.readTree(payload);
      if (json == null || !json.isObject()) {
        throw new IllegalArgumentException("the claims are not a JSON object");
      }
      List<String> sites = new ArrayList<>();
      if (!json.path("sites").isArray()) {
        throw new IllegalArgumentException("sites is not a list");
      }
      json.path("sites").forEach(s -> sites.add(s.asText()));
      return new SiteAccessToken(
          text(json, "iss"),
          text(json, "sub"),
          text(json, "role"),
          sites,
          seconds(json, "iat"),
          seconds(json, "exp"));
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidAccessTokenException("the token's claims are malformed: " + e.getMessage());
    }
  }

  private static String text(JsonNode json, String key) {
    JsonNode value = json.get(key);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(key + " is missing or not a string");
    }
    return value.asText();
  }

  private static Instant seconds(JsonNode json, String key) {
    JsonNode value = json.get(key);
    if (value == null || !value.canConvertToLong()) {
      throw new IllegalArgumentException(key + " is missing or not a number");
    }
    return Instant.ofEpochSecond(value.asLong());
  }

  private static void require(String value, String key) {
    if (value == null || value.isBlank() || value.length() > 256) {
      throw new IllegalArgumentException(key + " is missing, blank or too long");
    }
  }

  /** A token that is not accepted; the message says why. */
  public static final class InvalidAccessTokenException extends RuntimeException {
    public InvalidAccessTokenException(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    return "SiteAccessToken[" + issuer + ", " + subject + ", " + role + ", " + sites + "]";
  }
}
