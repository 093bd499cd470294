package io.flarewatch.central.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.auth.SiteScope;
import io.flarewatch.config.ConfigException;
import io.flarewatch.config.PasswordHash;
import io.flarewatch.config.YamlConfigReader;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthConfigTest {

  private static final String HASH =
      "pbkdf2-sha256$600000$bje2t11ZH4ydG7U8ZCH91g==$S2JNG4zeyzD+2kdsgvqdwJNdR1DAd81NZ5lFyiDxumE=";
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  private static String yaml(String auth) {
    return "influx: {url: \"http://127.0.0.1:8086\"}\n" + auth;
  }

  private static String user(String name, String role, String hash) {
    return "    - {name: " + name + ", role: " + role + ", passwordHash: \"" + hash + "\"}\n";
  }

  private static String scoped(String sites) {
    return "    - {name: ann, role: VIEWER, sites: "
        + sites
        + ", passwordHash: \""
        + HASH
        + "\"}\n";
  }

  private static String withSite(String auth) {
    return yaml("sites: [{id: well-1, ingestTokenSha256: \"" + "a".repeat(64) + "\"}]\n" + auth);
  }

  private static String auth(String secret, String users) {
    return "auth:\n  jwtSecret: \"" + secret + "\"\n  users:\n" + users;
  }

  @Test
  void theExampleHasAnAdminWithTheDocumentedPassword() {
    CentralConfig config =
        YamlConfigReader.load(Path.of("config/central.example.yaml"), CentralConfig.class);
    UserConfig admin = config.auth().user("admin").orElseThrow();
    assertEquals(Role.ADMIN, admin.role());
    assertTrue(admin.password().matches("change-me-now".toCharArray()));
    assertEquals(480, config.auth().tokenTtlMinutes());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no auth section | | auth: is required",
        "short secret | SHORT | auth.jwtSecret: must be at least 32 bytes",
        "bad hash | BADHASH | auth.users[ann].passwordHash: must look like pbkdf2-sha256$",
        "weak hash | WEAKHASH | auth.users[ann].passwordHash: the iteration count must be 210000",
        "bad role | BADROLE | auth.users[0].role: 'ROOT' is not one of [VIEWER, ENGINEER,",
        "bad name | BADNAME | auth.users[].name: 'a b' must be 1 to 64",
        "twice | TWICE | auth.users[1].name: 'ann' is listed twice",
        "ttl | TTL | auth.tokenTtlMinutes: 0 is not 1 to 10080",
        "lifetime below ttl | SHORTLIFE | auth.maxTokenLifetimeMinutes: 60 is not from"
            + " tokenTtlMinutes (480) to 10080",
        "lifetime over a week | LONGLIFE | auth.maxTokenLifetimeMinutes: 20000 is not from",
        "unknown key | UNKNOWN | auth.secret: is not a known key",
        "site not configured | UNKNOWNSITE | auth.users[ann].sites[1]: 'nowhere' is not a"
            + " configured site",
        "no sites | NOSITES | auth.users[ann].sites: is empty; leave it out",
        "bad site id | BADSITE | auth.users[ann].sites[0]: site id 'A B' is not a valid id",
        "site twice | SITETWICE | auth.users[ann].sites[1]: 'well-1' is listed twice"
      })
  void mistakesAreNamedByKey(String what, String variant, String messageStart) {
    String good = user("ann", "ADMIN", HASH);
    String config =
        switch (variant == null ? "" : variant) {
          case "" -> yaml("");
          case "SHORT" -> yaml(auth("too-short", good));
          case "BADHASH" -> yaml(auth(SECRET, user("ann", "ADMIN", "sha1:abc")));
          case "WEAKHASH" ->
              yaml(auth(SECRET, user("ann", "ADMIN", HASH.replace("600000", "1000"))));
          case "BADROLE" -> yaml(auth(SECRET, user("ann", "ROOT", HASH)));
          case "BADNAME" -> yaml(auth(SECRET, user("'a b'", "ADMIN", HASH)));
          case "TWICE" -> yaml(auth(SECRET, good + user("ann", "VIEWER", HASH)));
          case "TTL" -> yaml(auth(SECRET, good) + "  tokenTtlMinutes: 0\n");
          case "SHORTLIFE" -> yaml(auth(SECRET, good) + "  maxTokenLifetimeMinutes: 60\n");
          case "LONGLIFE" -> yaml(auth(SECRET, good) + "  maxTokenLifetimeMinutes: 20000\n");
          case "UNKNOWN" -> yaml(auth(SECRET, good) + "  secret: x\n");
          case "UNKNOWNSITE" -> withSite(auth(SECRET, scoped("[well-1, nowhere]")));
          case "NOSITES" -> withSite(auth(SECRET, scoped("[]")));
          case "BADSITE" -> withSite(auth(SECRET, scoped("['A B']")));
          case "SITETWICE" -> withSite(auth(SECRET, scoped("[well-1, well-1]")));
          default -> throw new IllegalArgumentException(variant);
        };
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> YamlConfigReader.parse(config, CentralConfig.class));
    assertTrue(e.getMessage().startsWith(messageStart), () -> what + ": " + e.getMessage());
  }

  @Test
  void usersSeeTheirSitesOrAllWhenNoneAreListed() throws Exception {
    CentralConfig config =
        YamlConfigReader.parse(
            withSite(auth(SECRET, scoped("[well-1]") + user("bob", "ADMIN", HASH))),
            CentralConfig.class);
    SiteScope ann = config.auth().user("ann").orElseThrow().siteScope();
    assertTrue(ann.includes("well-1"));
    assertFalse(ann.includes("well-2"));
    assertTrue(config.auth().user("bob").orElseThrow().siteScope().all());
    assertEquals(
        "auth.oidc.sitesClaim: is blank; leave it out to let provider users see every site",
        assertThrows(
                ConfigException.class,
                () -> new OidcConfig("https://idp", "central", null, List.of(pemOfEcKey()), " "))
            .getMessage());
  }

  private static String pemOfEcKey() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    return pem(ec.generateKeyPair().getPublic().getEncoded());
  }

  @Test
  void theLongestTokenLifetimeIsADayOrTheTtlWhenLonger() {
    assertEquals(
        1440, new AuthConfig(java.util.List.of(), SECRET, null, null).maxTokenLifetimeMinutes());
    assertEquals(
        2000, new AuthConfig(java.util.List.of(), SECRET, 2000, null).maxTokenLifetimeMinutes());
    assertEquals(
        90,
        new AuthConfig(java.util.List.of(), SECRET, 60, null, 90).maxTokenLifetime().toMinutes());
  }

  @Test
  void oidcKeysAreCheckedAtStart() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    String weak = pem(rsa.generateKeyPair().getPublic().getEncoded());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new OidcConfig("https://idp", "central", null, java.util.List.of(weak)));
    assertEquals(
        "auth.oidc.publicKeysPem[0]: is an RSA key of 1024 bits; at least 2048 needed",
        e.getMessage());
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> new OidcConfig("https://idp", "central", null, java.util.List.of("abc")))
            .getMessage()
            .startsWith("auth.oidc.publicKeysPem[0]: must be a PEM block"));
    assertEquals(
        "auth.oidc.audience: is required: central's client id",
        assertThrows(
                ConfigException.class,
                () -> new OidcConfig("https://idp", " ", null, java.util.List.of(weak)))
            .getMessage());
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    OidcConfig ok =
        new OidcConfig(
            "https://idp",
            "central",
            null,
            java.util.List.of(pem(ec.generateKeyPair().getPublic().getEncoded())));
    assertEquals("ES256", ok.algorithm(0));
    assertEquals("roles", ok.roleClaim());
  }

  @Test
  void passwordHashesNeverShowInToString() {
    UserConfig user = new UserConfig("ann", Role.VIEWER, HASH);
    AuthConfig auth = new AuthConfig(java.util.List.of(user), SECRET, null, null);
    assertTrue(!auth.toString().contains(SECRET) && !auth.toString().contains("S2JNG4"));
    assertEquals(PasswordHash.parse(HASH), user.password());
  }

  static String pem(byte[] der) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }
}
