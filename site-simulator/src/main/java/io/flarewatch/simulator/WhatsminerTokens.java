package io.flarewatch.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.digest.Md5Crypt;

/**
 * The miner's side of Whatsminer API v2 writes: the salt of its admin password, the tokens it has
 * handed out ({@code get_token}) and the AES-256 key of its encrypted requests and replies. Written
 * apart from the drivers' client ({@code WhatsminerCrypto}), so tests check one against the other.
 * Guarded by the site model's lock, like the rest of the miner.
 */
final class WhatsminerTokens {
  /** Tokens one client address may hold at once (the firmware's limit). */
  static final int MAX_TOKENS = 32;

  private static final String SALT_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final WhatsminerConfig config;
  private final SplittableRandom rng;
  private final String salt;
  private final String key;
  private final byte[] aesKey;
  private final Map<String, Instant> issuedBySign = new LinkedHashMap<>();

  /** A token as {@code get_token} hands it out. */
  record Issued(String time, String salt, String newSalt) {}

  WhatsminerTokens(WhatsminerConfig config, long seed, int index) {
    this.config = config;
    this.rng = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + index * 0x9E3779B97F4A7C15L);
    this.salt = randomSalt();
    this.key = md5CryptHash(config.adminPassword(), salt);
    this.aesKey = sha256(key);
  }

  WhatsminerConfig config() {
    return config;
  }

  /** A new token, or null when {@link #MAX_TOKENS} unexpired ones are out. */
  Issued issue(Instant now) {
    purgeExpired(now);
    if (issuedBySign.size() >= MAX_TOKENS) {
      return null;
    }
    String time = String.format("%04d", now.getEpochSecond() % 10_000);
    String newSalt = randomSalt();
    issuedBySign.put(md5CryptHash(key + time, newSalt), now);
    return new Issued(time, salt, newSalt);
  }

  /** Whether {@code sign} belongs to a token handed out and not yet expired. */
  boolean accepts(String sign, Instant now) {
    purgeExpired(now);
    return sign != null && issuedBySign.containsKey(sign);
  }

  /** Decrypts a request's {@code data}; trailing NUL bytes removed. */
  byte[] decrypt(byte[] cipherText) {
    byte[] plain = aes(Cipher.DECRYPT_MODE, cipherText);
    int end = plain.length;
    while (end > 0 && plain[end - 1] == 0) {
      end--;
    }
    return Arrays.copyOf(plain, end);
  }

  /** base64(AES-256-ECB(text padded with NUL to 16 bytes)), as the firmware encrypts replies. */
  String encrypt(String text) {
    byte[] plain = text.getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder()
        .encodeToString(
            aes(Cipher.ENCRYPT_MODE, Arrays.copyOf(plain, (plain.length + 15) / 16 * 16)));
  }

  private void purgeExpired(Instant now) {
    Duration ttl = Duration.ofSeconds(config.tokenTtlSeconds());
    Iterator<Instant> it = issuedBySign.values().iterator();
    while (it.hasNext()) {
      if (!now.isBefore(it.next().plus(ttl))) {
        it.remove();
      }
    }
  }

  private String randomSalt() {
    StringBuilder sb = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      sb.append(SALT_ALPHABET.charAt(rng.nextInt(SALT_ALPHABET.length())));
    }
    return sb.toString();
  }

  private byte[] aes(int mode, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
      cipher.init(mode, new SecretKeySpec(aesKey, "AES"));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("AES-256-ECB: " + e.getMessage(), e);
    }
  }

  private static String md5CryptHash(String word, String salt) {
    String crypted = Md5Crypt.md5Crypt(word.getBytes(StandardCharsets.UTF_8), "$1$" + salt);
    return crypted.substring(crypted.lastIndexOf('$') + 1);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
