package io.flarewatch.edge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flarewatch.config.ConfigException;
import io.flarewatch.config.YamlConfigReader;
import io.flarewatch.drivers.miner.control.MinerCredentials;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsConfigTest {

  private static final String EDGE =
      """
      site: well-7
      central: {url: "http://127.0.0.1:8080", token: secret}
      buffer: {path: edge.db}
      """;

  @TempDir Path dir;
  private final KeyPair central = Ed25519Signatures.newKeyPair();
  private Path publicKey;

  @BeforeEach
  void writeKeys() throws Exception {
    publicKey =
        Files.writeString(
            dir.resolve("central.pub.pem"), Ed25519Signatures.publicKeyPem(central.getPublic()));
  }

  private EdgeConfig parse(String commands) {
    return YamlConfigReader.parse(EDGE + commands, EdgeConfig.class);
  }

  @Test
  void absentTheEdgeTakesNoCommands() {
    assertNull(parse("").commands());
  }

  @Test
  void onlyTheKeyIsRequiredAndTheRestHasDefaults() {
    CommandsConfig commands =
        parse("commands: {centralPublicKeyFile: \"" + publicKey + "\"}\n").commands();

    assertEquals(central.getPublic(), commands.centralPublicKey());
    assertEquals(60, commands.clockSkewSeconds());
    assertEquals(50, commands.maxConcurrent());
    assertEquals(20, commands.pingSeconds());
    assertEquals(60, commands.deadLinkAfter().toSeconds(), "three of central's ping intervals");
    MinerCredentials credentials = commands.credentials().toMinerCredentials();
    assertEquals(MinerCredentials.factoryDefaults().webUser(), credentials.webUser());
    assertEquals(MinerCredentials.factoryDefaults().webPort(), credentials.webPort());
  }

  @Test
  void everyBadSettingIsNamedAtOnce() throws Exception {
    Path privateKey =
        Files.writeString(
            dir.resolve("central.pem"), Ed25519Signatures.privateKeyPem(central.getPrivate()));
    String yaml =
        """
        commands:
          centralPublicKeyFile: "%s"
          clockSkewSeconds: -1
          maxConcurrent: 0
          credentials: {webPort: 0}
        """
            .formatted(privateKey);

    ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));

    assertEquals(
        List.of(
            "commands.credentials.webPort: 0 is not a port number",
            "commands.centralPublicKeyFile: '"
                + privateKey
                + "': no '-----BEGIN PUBLIC KEY-----' ... '-----END PUBLIC KEY-----' block",
            "commands.clockSkewSeconds: -1 must be 0 to 3600",
            "commands.maxConcurrent: 0 must be 1 to 10000"),
        e.problems().stream().map(Object::toString).toList());
  }

  @Test
  void theKeyFileMustBeThereAndBeAKey() throws Exception {
    assertEquals(
        "commands.centralPublicKeyFile: is required: central's public key (PEM) from GET"
            + " /api/v1/commands/public-key",
        assertThrows(ConfigException.class, () -> parse("commands: {maxConcurrent: 5}\n"))
            .getMessage());
    Path missing = dir.resolve("missing.pem");
    String message =
        assertThrows(
                ConfigException.class,
                () -> parse("commands: {centralPublicKeyFile: \"" + missing + "\"}\n"))
            .getMessage();
    assertEquals(
        true,
        message.startsWith("commands.centralPublicKeyFile: cannot read '" + missing + "'"),
        message);
  }

  @Test
  void secretsAreNeverPrinted() {
    EdgeConfig config =
        parse(
            """
            commands:
              centralPublicKeyFile: "%s"
              credentials: {webUser: root, webPassword: pa55-web, whatsminerAdminPassword: pa55-wm}
            """
                .formatted(publicKey));

    assertEquals(
        "pa55-wm", config.commands().credentials().toMinerCredentials().whatsminerAdminPassword());
    assertFalse(config.toString().contains("pa55"), config.toString());
  }

  @Test
  void theExamplesCommandsSectionIsValid() throws Exception {
    StringBuilder section = new StringBuilder();
    boolean inSection = false;
    for (String line : Files.readAllLines(Path.of("config/edge.example.yaml"))) {
      inSection = line.startsWith("# commands:") || (inSection && line.startsWith("#  "));
      if (inSection) {
        section.append(line.substring(2)).append('\n');
      }
    }
    String yaml =
        section
            .toString()
            .replace("/etc/flarewatch/central-commands.pub.pem", publicKey.toString());

    CommandsConfig commands = parse(yaml).commands();

    assertEquals(central.getPublic(), commands.centralPublicKey());
    assertEquals(50, commands.maxConcurrent());
    assertEquals(80, commands.credentials().webPort());
  }
}
