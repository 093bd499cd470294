package io.flarewatch.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored password: PBKDF2-HMAC-SHA256 from the JDK, written as {@code
 * pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. Only the hash is ever stored.
 */
public final class PasswordHash {

  public static final String SCHEME = "pbkdf2-sha256";

  /** OWASP's floor for PBKDF2-HMAC-SHA256; fewer iterations are refused. */
  public static final int MIN_ITERATIONS = 210_000;

  /** What new hashes use (OWASP's current recommendation). */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** A typo guard: more iterations would make every login take seconds. */
  public static final int MAX_ITERATIONS = 10_000_000;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** Hashes a password with a fresh random salt. */
  public static PasswordHash of(char[] password, int iterations) {
    checkIterations(iterations);
    if (password.length == 0) {
      throw new IllegalArgumentException("the password is empty");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /**
   * A hash no password matches, costing as much to check as a real one: checked for unknown users
   * so that a login takes as long whether or not the user exists.
   */
  public static PasswordHash unmatchable(int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    byte[] hash = new byte[HASH_BYTES];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(hash);
    return new PasswordHash(iterations, salt, hash);
  }

  /**
   * Reads the stored form.
   *
   * @throws IllegalArgumentException naming what is wrong (never echoing the value)
   */
  public static PasswordHash parse(String encoded) {
    if (encoded == null || encoded.isBlank()) {
      throw new IllegalArgumentException("is missing");
    }
    String[] parts = encoded.strip().split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException(
          "must look like " + SCHEME + "$<iterations>$<salt base64>$<hash base64>");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the iteration count is not a number");
    }
    checkIterations(iterations);
    byte[] salt = base64(parts[2], "salt");
    byte[] hash = base64(parts[3], "hash");
    if (salt.length < SALT_BYTES) {
      throw new IllegalArgumentException("the salt is shorter than " + SALT_BYTES + " bytes");
    }
    if (hash.length != HASH_BYTES) {
      throw new IllegalArgumentException("the hash is not " + HASH_BYTES + " bytes");
    }
    return new PasswordHash(iterations, salt, hash);
  }

  /** Checks a password; the comparison takes the same time wherever the bytes differ. */
  public boolean matches(char[] password) {
    if (password.length == 0) {
      return false;
    }
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  public int iterations() {
    return iterations;
  }

  /** The stored form, as {@link #parse(String)} reads it. */
  public String encoded() {
    Base64.Encoder b64 = Base64.getEncoder();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  @Override
  public String toString() {
    return SCHEME + "$" + iterations + "$…";
  }

  private static void checkIterations(int iterations) {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "the iteration count must be "
              + MIN_ITERATIONS
              + " to "
              + MAX_ITERATIONS
              + "; got "
              + iterations);
    }
  }

  private static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + what + " is not base64");
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PasswordHash that
        && iterations == that.iterations
        && Arrays.equals(salt, that.salt)
        && Arrays.equals(hash, that.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }
}
