package io.flarewatch.drivers.miner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The digest computation against the worked examples of RFC 2617 and RFC 7616. */
class HttpDigestTest {

  /** RFC 2617 section 3.5: GET /dir/index.html as Mufasa. */
  @Test
  void rfc2617Example() {
    assertEquals(
        "6629fae49393a05397450978507c4ef1",
        HttpDigest.response(
            "MD5",
            "Mufasa",
            "testrealm@host.com",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            "00000001",
            "0a4f113b",
            "auth"));
  }

  /** RFC 7616 section 3.9.1, MD5 and SHA-256. */
  @Test
  void rfc7616Examples() {
    String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    assertEquals(
        "8ca523f5e9506fed4657c9700eebdbec",
        HttpDigest.response(
            "MD5",
            "Mufasa",
            "http-auth@example.org",
            "Circle of Life",
            "GET",
            "/dir/index.html",
            nonce,
            "00000001",
            cnonce,
            "auth"));
    assertEquals(
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
        HttpDigest.response(
            "SHA-256",
            "Mufasa",
            "http-auth@example.org",
            "Circle of Life",
            "GET",
            "/dir/index.html",
            nonce,
            "00000001",
            cnonce,
            "auth"));
  }

  /**
   * RFC 7616's challenge header, parsed; and the authorization built from it carries the vector.
   */
  @Test
  void authorizationAnswersTheRfc7616Challenge() {
    HttpDigest.Challenge c =
        HttpDigest.parseChallenge(
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5,"
                + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
    assertEquals("http-auth@example.org", c.realm());
    assertEquals(List.of("auth", "auth-int"), c.qop());
    assertEquals("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", c.opaque());
    assertFalse(c.stale());
    String header =
        HttpDigest.authorization(
            c,
            "Mufasa",
            "Circle of Life",
            "GET",
            "/dir/index.html",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            1);
    Map<String, String> p = HttpDigest.parseParameters(header);
    assertEquals("8ca523f5e9506fed4657c9700eebdbec", p.get("response"));
    assertEquals("00000001", p.get("nc"));
    assertEquals("auth", p.get("qop"));
    assertEquals("Mufasa", p.get("username"));
    assertEquals("/dir/index.html", p.get("uri"));
    assertEquals("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", p.get("opaque"));
  }

  /** Without qop (RFC 2069 form) the response leaves out nc, cnonce and qop. */
  @Test
  void withoutQop() throws Exception {
    HttpDigest.Challenge c =
        HttpDigest.parseChallenge("Digest realm=\"r\", nonce=\"n\", stale=TRUE");
    assertTrue(c.stale());
    assertEquals("MD5", c.algorithm());
    Map<String, String> p =
        HttpDigest.parseParameters(HttpDigest.authorization(c, "u", "p", "POST", "/x", "c", 1));
    assertEquals(md5(md5("u:r:p") + ":n:" + md5("POST:/x")), p.get("response"));
    assertFalse(p.containsKey("qop"));
    assertFalse(p.containsKey("nc"));
  }

  private static String md5(String s) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("MD5")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void quotedValuesKeepCommasAndEscapes() {
    Map<String, String> p =
        HttpDigest.parseParameters("Digest realm=\"a, \\\"b\\\"\", nonce=xyz , qop=auth");
    assertEquals("a, \"b\"", p.get("realm"));
    assertEquals("xyz", p.get("nonce"));
    assertEquals("auth", p.get("qop"));
  }

  @Test
  void refusesWhatItCannotAnswer() {
    assertThrows(IllegalArgumentException.class, () -> HttpDigest.parseChallenge("Basic realm=x"));
    assertThrows(
        IllegalArgumentException.class, () -> HttpDigest.parseChallenge("Digest realm=\"x\""));
    assertThrows(
        IllegalArgumentException.class,
        () -> HttpDigest.parseChallenge("Digest realm=\"x\", nonce=\"y\", algorithm=SHA-512-256"));
    assertThrows(
        IllegalArgumentException.class,
        () -> HttpDigest.parseChallenge("Digest realm=\"x\", nonce=\"y\", qop=\"auth-int\""));
    assertThrows(
        IllegalArgumentException.class, () -> HttpDigest.parseParameters("Digest realm=\"open"));
  }
}
