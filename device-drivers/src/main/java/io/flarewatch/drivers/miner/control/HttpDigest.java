package io.flarewatch.drivers.miner.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * HTTP Digest access authentication (RFC 7616, and RFC 2617 which it replaces): parses a {@code
 * WWW-Authenticate: Digest ...} challenge or an {@code Authorization: Digest ...} header, and
 * computes the {@code response} value. Algorithms MD5 (the default, what stock Antminer firmware
 * uses), SHA-256 and their {@code -sess} variants; quality of protection {@code auth} or none (the
 * RFC 2069 form). Pure.
 */
public final class HttpDigest {

  private HttpDigest() {}

  /**
   * A server's digest challenge.
   *
   * @param realm the protection space
   * @param nonce the server's nonce
   * @param opaque to be returned unchanged, or null
   * @param algorithm {@code MD5} when the server named none
   * @param qop the qualities of protection offered (empty: the RFC 2069 form)
   * @param stale true when the server says the nonce, not the credentials, was refused
   */
  public record Challenge(
      String realm,
      String nonce,
      String opaque,
      String algorithm,
      List<String> qop,
      boolean stale) {

    public Challenge {
      Objects.requireNonNull(realm, "realm");
      Objects.requireNonNull(nonce, "nonce");
      Objects.requireNonNull(algorithm, "algorithm");
      qop = List.copyOf(qop);
    }

    /** Whether this challenge offers {@code qop=auth}. */
    public boolean offersAuth() {
      return qop.contains("auth");
    }
  }

  /**
   * Parses a {@code WWW-Authenticate} value.
   *
   * @throws IllegalArgumentException when it is not a Digest challenge, lacks realm or nonce, names
   *     an algorithm this class does not compute, or offers a qop other than {@code auth} only
   */
  public static Challenge parseChallenge(String header) {
    Map<String, String> p = parseParameters(header);
    String realm = p.get("realm");
    String nonce = p.get("nonce");
    if (realm == null || nonce == null) {
      throw new IllegalArgumentException("digest challenge without realm or nonce: " + header);
    }
    String algorithm = p.getOrDefault("algorithm", "MD5");
    messageDigest(algorithm);
    List<String> qop =
        p.containsKey("qop") ? List.of(p.get("qop").split("\\s*,\\s*")) : List.<String>of();
    if (!qop.isEmpty() && !qop.contains("auth")) {
      throw new IllegalArgumentException("digest challenge offers only qop " + qop);
    }
    return new Challenge(
        realm,
        nonce,
        p.get("opaque"),
        algorithm,
        qop,
        "true".equalsIgnoreCase(p.getOrDefault("stale", "false")));
  }

  /**
   * The parameters of a {@code Digest} header ({@code WWW-Authenticate} or {@code Authorization}),
   * keys lower-cased, quoted values unquoted.
   *
   * @throws IllegalArgumentException when the header is not of the Digest scheme or malformed
   */
  public static Map<String, String> parseParameters(String header) {
    if (header == null) {
      throw new IllegalArgumentException("no Digest header");
    }
    String h = header.strip();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Digest ", 0, 7)) {
      throw new IllegalArgumentException("not a Digest header: " + header);
    }
    Map<String, String> params = new LinkedHashMap<>();
    int i = 7;
    int n = h.length();
    while (i < n) {
      while (i < n && (h.charAt(i) == ' ' || h.charAt(i) == ',' || h.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException("digest parameter without '=' in: " + header);
      }
      String key = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      while (i < n && h.charAt(i) == ' ') {
        i++;
      }
      StringBuilder value = new StringBuilder();
      if (i < n && h.charAt(i) == '"') {
        i++;
        while (i < n && h.charAt(i) != '"') {
          if (h.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          value.append(h.charAt(i++));
        }
        if (i >= n) {
          throw new IllegalArgumentException("unterminated quoted value of " + key);
        }
        i++;
      } else {
        while (i < n && h.charAt(i) != ',') {
          value.append(h.charAt(i++));
        }
      }
      params.put(key, value.toString().strip());
    }
    return params;
  }

  /**
   * The {@code response} value (RFC 7616 section 3.4.1): with qop {@code auth}, {@code
   * H(H(A1):nonce:nc:cnonce:qop:H(A2))}; without qop, {@code H(H(A1):nonce:H(A2))}. A1 is {@code
   * user:realm:password} ({@code -sess}: {@code H(user:realm:password):nonce:cnonce}), A2 {@code
   * method:uri}.
   *
   * @param qop {@code auth}, or null for the RFC 2069 form (nc and cnonce then unused)
   */
  public static String response(
      String algorithm,
      String user,
      String realm,
      String password,
      String method,
      String uri,
      String nonce,
      String nc,
      String cnonce,
      String qop) {
    MessageDigest md = messageDigest(algorithm);
    String ha1 = hex(md, user + ":" + realm + ":" + password);
    if (algorithm.toLowerCase(Locale.ROOT).endsWith("-sess")) {
      ha1 = hex(md, ha1 + ":" + nonce + ":" + cnonce);
    }
    String ha2 = hex(md, method + ":" + uri);
    return qop == null
        ? hex(md, ha1 + ":" + nonce + ":" + ha2)
        : hex(md, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  /**
   * The {@code Authorization} header value answering {@code challenge}.
   *
   * @param cnonce the client nonce (random, e.g. 16 hex characters)
   * @param nonceCount how many requests this client sent with this nonce, from 1
   */
  public static String authorization(
      Challenge challenge,
      String user,
      String password,
      String method,
      String uri,
      String cnonce,
      int nonceCount) {
    String qop = challenge.offersAuth() ? "auth" : null;
    String nc = String.format("%08x", nonceCount);
    String response =
        response(
            challenge.algorithm(),
            user,
            challenge.realm(),
            password,
            method,
            uri,
            challenge.nonce(),
            nc,
            cnonce,
            qop);
    StringBuilder h = new StringBuilder("Digest ");
    h.append("username=").append(quote(user));
    h.append(", realm=").append(quote(challenge.realm()));
    h.append(", nonce=").append(quote(challenge.nonce()));
    h.append(", uri=").append(quote(uri));
    h.append(", algorithm=").append(challenge.algorithm());
    if (qop != null) {
      h.append(", qop=").append(qop);
      h.append(", nc=").append(nc);
      h.append(", cnonce=").append(quote(cnonce));
    }
    h.append(", response=").append(quote(response));
    if (challenge.opaque() != null) {
      h.append(", opaque=").append(quote(challenge.opaque()));
    }
    return h.toString();
  }

  private static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static MessageDigest messageDigest(String algorithm) {
    String base = algorithm.toUpperCase(Locale.ROOT);
    if (base.endsWith("-SESS")) {
      base = base.substring(0, base.length() - 5);
    }
    try {
      return switch (base) {
        case "MD5" -> MessageDigest.getInstance("MD5");
        case "SHA-256" -> MessageDigest.getInstance("SHA-256");
        default ->
            throw new IllegalArgumentException(
                "digest algorithm " + algorithm + " is not supported (MD5, SHA-256)");
      };
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + base, e);
    }
  }

  private static String hex(MessageDigest md, String text) {
    md.reset();
    return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
