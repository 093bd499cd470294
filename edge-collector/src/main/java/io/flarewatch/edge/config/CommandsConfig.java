package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import io.flarewatch.drivers.miner.control.MinerCredentials;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;

/**
 * Remote commands from central: the edge opens the command stream only when this section is
 * present, and executes only commands signed with central's key.
 *
 * @param centralPublicKeyFile central's Ed25519 public key in PEM ({@code GET
 *     /api/v1/commands/public-key}); required
 * @param clockSkewSeconds how far the edge's clock may be off central's: a command is accepted from
 *     {@code issuedAt} minus this until {@code expiresAt} plus this; default 60
 * @param credentials secrets some firmware needs for writes; default the firmware's factory ones
 * @param maxConcurrent miners acted on at once, over all commands; default 50
 * @param pingSeconds how often central pings the stream (central's {@code commands.pingSeconds});
 *     three intervals without a frame or ping and the edge counts the link as dead and reconnects;
 *     default 20
 */
public record CommandsConfig(
    @JsonProperty("centralPublicKeyFile") Path centralPublicKeyFile,
    @JsonProperty("clockSkewSeconds") Integer clockSkewSeconds,
    @JsonProperty("credentials") Credentials credentials,
    @JsonProperty("maxConcurrent") Integer maxConcurrent,
    @JsonProperty("pingSeconds") Integer pingSeconds) {

  public CommandsConfig {
    clockSkewSeconds = clockSkewSeconds == null ? 60 : clockSkewSeconds;
    credentials = credentials == null ? Credentials.factoryDefaults() : credentials;
    maxConcurrent = maxConcurrent == null ? 50 : maxConcurrent;
    pingSeconds = pingSeconds == null ? 20 : pingSeconds;
    ConfigCheck check = new ConfigCheck();
    if (check.that(
        centralPublicKeyFile != null,
        "centralPublicKeyFile",
        "is required: central's public key (PEM) from GET /api/v1/commands/public-key")) {
      Path file = centralPublicKeyFile;
      check.run("centralPublicKeyFile", () -> readKey(file));
    }
    check.that(
        clockSkewSeconds >= 0 && clockSkewSeconds <= 3600,
        "clockSkewSeconds",
        clockSkewSeconds + " must be 0 to 3600");
    check.that(
        maxConcurrent >= 1 && maxConcurrent <= 10_000,
        "maxConcurrent",
        maxConcurrent + " must be 1 to 10000");
    check.that(
        pingSeconds >= 1 && pingSeconds <= 3600, "pingSeconds", pingSeconds + " must be 1 to 3600");
    check.orThrow();
  }

  /** Central's public key, read from {@code centralPublicKeyFile}. */
  @JsonIgnore
  public PublicKey centralPublicKey() {
    return readKey(centralPublicKeyFile);
  }

  @JsonIgnore
  public Duration clockSkew() {
    return Duration.ofSeconds(clockSkewSeconds);
  }

  /** No frame, not even a ping, for this long: the link is dead. */
  @JsonIgnore
  public Duration deadLinkAfter() {
    return Duration.ofSeconds(3L * pingSeconds);
  }

  private static PublicKey readKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read '" + file + "': " + e);
    }
    try {
      return Ed25519Signatures.readPublicKey(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + file + "': " + e.getMessage());
    }
  }

  /**
   * Secrets some firmware needs for writes ({@link MinerCredentials}); never printed.
   *
   * @param webUser stock Antminer web interface user; default root
   * @param webPassword its password; default root
   * @param whatsminerAdminPassword Whatsminer API v2 admin password; default admin
   * @param webPort port of the stock Antminer web interface; default 80
   */
  public record Credentials(
      @JsonProperty("webUser") String webUser,
      @JsonProperty("webPassword") String webPassword,
      @JsonProperty("whatsminerAdminPassword") String whatsminerAdminPassword,
      @JsonProperty("webPort") Integer webPort) {

    public Credentials {
      MinerCredentials defaults = MinerCredentials.factoryDefaults();
      webUser = webUser == null ? defaults.webUser() : webUser;
      webPassword = webPassword == null ? defaults.webPassword() : webPassword;
      whatsminerAdminPassword =
          whatsminerAdminPassword == null
              ? defaults.whatsminerAdminPassword()
              : whatsminerAdminPassword;
      webPort = webPort == null ? defaults.webPort() : webPort;
      ConfigCheck check = new ConfigCheck();
      check.that(!webUser.isBlank(), "webUser", "is blank");
      check.that(webPort >= 1 && webPort <= 65535, "webPort", webPort + " is not a port number");
      check.orThrow();
    }

    static Credentials factoryDefaults() {
      return new Credentials(null, null, null, null);
    }

    /** As the miner drivers take them. */
    public MinerCredentials toMinerCredentials() {
      return new MinerCredentials(webUser, webPassword, whatsminerAdminPassword, webPort);
    }

    @Override
    public String toString() {
      return "Credentials[webUser=" + webUser + ", webPort=" + webPort + ", secrets hidden]";
    }
  }
}
