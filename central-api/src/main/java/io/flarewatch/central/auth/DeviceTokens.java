package io.flarewatch.central.auth;

import io.flarewatch.login.LoginThrottle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device tokens (OWASP's device cookies): a successful login hands the client one, naming the user,
 * and a later login of that user presenting it counts as a trusted client in {@link LoginThrottle}.
 * A device token proves an earlier login on that device and nothing more: it opens no endpoint and
 * is no bearer token.
 *
 * <p>Form: {@code base64url(user:issuedAtSeconds:randomId).base64url(HMAC-SHA256)}, keyed with a
 * key derived from {@code auth.jwtSecret} (so changing the secret voids them too), valid {@link
 * #LIFETIME}.
 */
public final class DeviceTokens {

  static final Duration LIFETIME = Duration.ofDays(90);
  private static final int ID_BYTES = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final Clock clock;

  public DeviceTokens(String jwtSecret, Clock clock) {
    this.key =
        hmac(
            jwtSecret.getBytes(StandardCharsets.UTF_8),
            "flarewatch device tokens".getBytes(StandardCharsets.UTF_8));
    this.clock = clock;
  }

  /** A new device token for the user. */
  public String issue(String user) {
    byte[] id = new byte[ID_BYTES];
    RANDOM.nextBytes(id);
    String payload = user + ":" + clock.instant().getEpochSecond() + ":" + B64.encodeToString(id);
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(bytes) + "." + B64.encodeToString(hmac(key, bytes));
  }

  /**
   * The token's id when it is a device token central issued to {@code user} and still valid; empty
   * for anything else (a missing, forged, expired or another user's token is simply no device
   * token).
   */
  public Optional<String> device(String token, String user) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    try {
      if (parts.length != 2) {
        return Optional.empty();
      }
      byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
      byte[] signature = Base64.getUrlDecoder().decode(parts[1]);
      if (!MessageDigest.isEqual(signature, hmac(key, payload))) {
        return Optional.empty();
      }
      String[] fields = new String(payload, StandardCharsets.UTF_8).split(":", -1);
      if (fields.length != 3 || !fields[0].equals(user)) {
        return Optional.empty();
      }
      long issued = Long.parseLong(fields[1]);
      long now = clock.instant().getEpochSecond();
      return now - issued <= LIFETIME.toSeconds() && issued <= now + 60
          ? Optional.of(fields[2])
          : Optional.empty();
    } catch (IllegalArgumentException notBase64OrNotANumber) {
      return Optional.empty();
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
