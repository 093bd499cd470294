package io.flarewatch.drivers.miner.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.digest.Md5Crypt;

/**
 * The Whatsminer API v2 write encryption, step by step as pyasic's {@code pyasic/rpc/btminer.py}
 * ({@code BTMinerRPCAPI.get_token}, {@code create_privileged_cmd}, {@code
 * parse_btminer_priviledge_data}) and MicroBT's "Whatsminer API V2.0.5" document describe it:
 *
 * <ol>
 *   <li>{@code get_token} answers {@code time}, {@code salt} and {@code newsalt};
 *   <li>key = the hash part of md5-crypt({@code admin password}, {@code $1$salt$}), i.e. of {@code
 *       openssl passwd -1 -salt <salt> <password>};
 *   <li>sign (the token sent with each write) = the hash part of md5-crypt(key + time, {@code
 *       $1$newsalt$});
 *   <li>AES-256 key = SHA-256 of the key's characters;
 *   <li>a write is {@code {"enc":1,"data":base64(AES-256-ECB(json padded with NUL to 16 bytes))}},
 *       the json holding {@code "cmd"}, its parameters and {@code "token": sign}; the reply is
 *       {@code {"enc":"base64"}}, decrypted the same way with the trailing NULs removed.
 * </ol>
 *
 * Pure; thread-safe.
 */
public final class WhatsminerCrypto {

  private static final Pattern SALT = Pattern.compile("[A-Za-z0-9./]{1,8}");
  private static final int BLOCK = 16;

  private WhatsminerCrypto() {}

  /**
   * What one {@code get_token} answer gives a client that knows the admin password.
   *
   * @param sign the token sent in every write ({@code "token"})
   * @param aesKey the AES-256 key of requests and replies
   */
  public record Token(String sign, byte[] aesKey) {

    public Token {
      Objects.requireNonNull(sign, "sign");
      aesKey = aesKey.clone();
    }

    @Override
    public byte[] aesKey() {
      return aesKey.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Token t && t.sign.equals(sign) && Arrays.equals(t.aesKey, aesKey);
    }

    @Override
    public int hashCode() {
      return sign.hashCode() * 31 + Arrays.hashCode(aesKey);
    }

    @Override
    public String toString() {
      return "Token[secrets hidden]";
    }
  }

  /**
   * Derives the sign and AES key from a {@code get_token} answer.
   *
   * @throws IllegalArgumentException when a salt is not 1..8 characters of {@code [A-Za-z0-9./]}
   */
  public static Token token(String adminPassword, String time, String salt, String newSalt) {
    Objects.requireNonNull(adminPassword, "adminPassword");
    Objects.requireNonNull(time, "time");
    String key = md5CryptHash(adminPassword, salt);
    String sign = md5CryptHash(key + time, newSalt);
    return new Token(sign, aesKey(key));
  }

  /**
   * The hash part (after the third {@code $}) of md5-crypt of {@code word} with {@code salt}, as
   * {@code openssl passwd -1 -salt <salt> <word>} prints it.
   */
  public static String md5CryptHash(String word, String salt) {
    if (salt == null || !SALT.matcher(salt).matches()) {
      throw new IllegalArgumentException(
          "md5-crypt salt must be 1..8 characters of [A-Za-z0-9./], got '" + salt + "'");
    }
    String crypted = Md5Crypt.md5Crypt(word.getBytes(StandardCharsets.UTF_8), "$1$" + salt);
    return crypted.substring(crypted.lastIndexOf('$') + 1);
  }

  /** SHA-256 of the key's characters: the AES-256 key. */
  public static byte[] aesKey(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** base64(AES-256-ECB(text padded with NUL bytes to a multiple of 16)), one line. */
  public static String encrypt(byte[] aesKey, String text) {
    byte[] plain = text.getBytes(StandardCharsets.UTF_8);
    byte[] padded = Arrays.copyOf(plain, (plain.length + BLOCK - 1) / BLOCK * BLOCK);
    return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, aesKey, padded));
  }

  /**
   * The inverse of {@link #encrypt}: trailing NUL bytes are removed.
   *
   * @throws IllegalArgumentException when the text is not base64 of whole AES blocks
   */
  public static byte[] decrypt(byte[] aesKey, String base64) {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64: " + e.getMessage(), e);
    }
    if (cipherText.length == 0 || cipherText.length % BLOCK != 0) {
      throw new IllegalArgumentException(
          "cipher text of " + cipherText.length + " bytes is not whole 16-byte blocks");
    }
    byte[] plain = cipher(Cipher.DECRYPT_MODE, aesKey, cipherText);
    int end = plain.length;
    while (end > 0 && plain[end - 1] == 0) {
      end--;
    }
    return Arrays.copyOf(plain, end);
  }

  private static byte[] cipher(int mode, byte[] aesKey, byte[] input) {
    try {
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(mode, new SecretKeySpec(aesKey, "AES"));
      return aes.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-ECB failed: " + e.getMessage(), e);
    }
  }
}
