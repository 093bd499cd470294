package io.flarewatch.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.central.CentralApp;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.AuthConfig;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.ReportsConfig;
import io.flarewatch.central.config.UserConfig;
import io.flarewatch.config.PasswordHash;
import io.flarewatch.edge.EdgeApp;
import io.flarewatch.edge.config.BufferConfig;
import io.flarewatch.edge.config.CentralLink;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.config.LocalAppConfig;
import io.flarewatch.edge.config.MetricsConfig;
import io.flarewatch.edge.config.MinerConfig;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.edge.config.PollingConfig;
import io.flarewatch.edge.config.UplinkConfig;
import io.flarewatch.simulator.ModbusEndpoint;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * A whole Flarewatch system on one machine: central on an InfluxDB, one simulated site, and that
 * site's edge collector. Used by the demo and by the end-to-end tests.
 */
public final class LocalSystem {

  private final Vertx vertx;
  private final CentralConfig centralConfig;
  private final String password;
  private final String bearerToken;
  private final String ingestToken;
  private CentralApp central;
  private final SiteSimulator simulator;
  private final EdgeConfig edgeConfig;
  private EdgeApp edge;

  private LocalSystem(
      Vertx vertx,
      CentralConfig centralConfig,
      CentralApp central,
      SiteSimulator simulator,
      EdgeConfig edgeConfig,
      EdgeApp edge,
      String password,
      String bearerToken,
      String ingestToken) {
    this.password = password;
    this.bearerToken = bearerToken;
    this.ingestToken = ingestToken;
    this.vertx = vertx;
    this.centralConfig = centralConfig;
    this.central = central;
    this.simulator = simulator;
    this.edgeConfig = edgeConfig;
    this.edge = edge;
  }

  /**
   * What to run.
   *
   * @param site the site id
   * @param influxUrl InfluxDB's HTTP API
   * @param influxDatabase database name
   * @param influxUsername empty without authentication
   * @param influxPassword empty without authentication
   * @param centralPort 0 for a free port
   * @param simulator the simulated site
   * @param pollIntervalMillis edge poll interval
   * @param bufferFile the edge's buffer file
   * @param emissions the site's emissions parameters, given to both edge and central
   * @param bufferMaxBytes the edge buffer's byte limit, null for the default
   * @param reportSigningKey central's report signing key (PEM), null for one made per run
   * @param commands remote commands from central to the edge; null: the edge takes none
   * @param edgeCentralUrl where the edge reaches central (e.g. through a proxy); null: central's
   *     own address
   */
  public record Options(
      String site,
      URI influxUrl,
      String influxDatabase,
      String influxUsername,
      String influxPassword,
      int centralPort,
      SimulatorConfig simulator,
      long pollIntervalMillis,
      Path bufferFile,
      JsonNode emissions,
      Long bufferMaxBytes,
      Path reportSigningKey,
      CommandSettings commands,
      URI edgeCentralUrl) {

    /** Options without remote commands, the edge reaching central directly. */
    public Options(
        String site,
        URI influxUrl,
        String influxDatabase,
        String influxUsername,
        String influxPassword,
        int centralPort,
        SimulatorConfig simulator,
        long pollIntervalMillis,
        Path bufferFile,
        JsonNode emissions,
        Long bufferMaxBytes,
        Path reportSigningKey) {
      this(
          site,
          influxUrl,
          influxDatabase,
          influxUsername,
          influxPassword,
          centralPort,
          simulator,
          pollIntervalMillis,
          bufferFile,
          emissions,
          bufferMaxBytes,
          reportSigningKey,
          null,
          null);
    }

    /** Options whose central signs reports with a key made for the run. */
    public Options(
        String site,
        URI influxUrl,
        String influxDatabase,
        String influxUsername,
        String influxPassword,
        int centralPort,
        SimulatorConfig simulator,
        long pollIntervalMillis,
        Path bufferFile,
        JsonNode emissions,
        Long bufferMaxBytes) {
      this(
          site,
          influxUrl,
          influxDatabase,
          influxUsername,
          influxPassword,
          centralPort,
          simulator,
          pollIntervalMillis,
          bufferFile,
          emissions,
          bufferMaxBytes,
          null);
    }

    /** The same with remote commands. */
    public Options withCommands(CommandSettings settings) {
      return new Options(
          site,
          influxUrl,
          influxDatabase,
          influxUsername,
          influxPassword,
          centralPort,
          simulator,
          pollIntervalMillis,
          bufferFile,
          emissions,
          bufferMaxBytes,
          reportSigningKey,
          settings,
          edgeCentralUrl);
    }

    /** The same with the edge reaching central at {@code url}. */
    public Options withEdgeCentralUrl(URI url) {
      return new Options(
          site,
          influxUrl,
          influxDatabase,
          influxUsername,
          influxPassword,
          centralPort,
          simulator,
          pollIntervalMillis,
          bufferFile,
          emissions,
          bufferMaxBytes,
          reportSigningKey,
          commands,
          url);
    }
  }

  /**
   * The administrator of a local system. There is one user per role, named for it ({@code viewer},
   * {@code engineer}, {@code operator}, {@code admin}), all with the password made at start.
   */
  public static final String USER = "admin";

  /** The local system's user with {@code role}. */
  public static String userOf(Role role) {
    return role == Role.ADMIN ? USER : role.name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Future<LocalSystem> start(Vertx vertx, Options options) {
    String token = newToken();
    String password = newToken().substring(0, 20);
    String passwordHash =
        PasswordHash.of(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    AuthConfig auth =
        new AuthConfig(
            java.util.Arrays.stream(Role.values())
                .map(role -> new UserConfig(userOf(role), role, passwordHash))
                .toList(),
            newToken(),
            null,
            null);
    CentralConfig centralConfig =
        new CentralConfig(
            new HttpConfig("127.0.0.1", options.centralPort(), null),
            new InfluxConfig(
                options.influxUrl(),
                options.influxDatabase(),
                options.influxUsername(),
                options.influxPassword()),
            List.of(CommandSettings.siteConfig(options, token)),
            auth,
            new ReportsConfig(
                options.reportSigningKey() == null ? null : options.reportSigningKey().toString()),
            null,
            options.commands() == null
                ? null
                : options.commands().centralConfig(options.bufferFile()));
    return CentralApp.start(vertx, centralConfig)
        .compose(
            central ->
                (options.commands() == null
                        ? Future.<Path>succeededFuture(null)
                        : CommandSettings.fetchPublicKey(
                            vertx,
                            central.port(),
                            options.bufferFile().resolveSibling("central-command-key.pub.pem")))
                    .compose(
                        edgeKey ->
                            SiteSimulator.start(vertx, options.simulator())
                                .map(simulator -> new Started(central, simulator, edgeKey))))
        .compose(
            started -> {
              EdgeConfig edgeConfig =
                  edgeConfig(
                      options,
                      started.simulator(),
                      options.edgeCentralUrl() == null
                          ? URI.create("http://127.0.0.1:" + started.central().port())
                          : options.edgeCentralUrl(),
                      token,
                      started.edgeKey(),
                      List.of(
                          new LocalAppConfig.Account(
                              FIELD_USER, passwordHash, Role.ENGINEER.name())));
              return EdgeApp.start(vertx, edgeConfig)
                  .compose(
                      edge ->
                          login(vertx, started.central().port(), password)
                              .map(
                                  bearer ->
                                      new LocalSystem(
                                          vertx,
                                          centralConfig,
                                          started.central(),
                                          started.simulator(),
                                          edgeConfig,
                                          edge,
                                          password,
                                          bearer,
                                          token)));
            });
  }

  private record Started(CentralApp central, SiteSimulator simulator, Path edgeKey) {}

  /**
   * The edge configuration that polls every device of the simulator and, with {@code commandKey},
   * takes central's commands with the simulator's credentials.
   */
  static EdgeConfig edgeConfig(
      Options options, SiteSimulator simulator, URI central, String token, Path commandKey) {
    return edgeConfig(options, simulator, central, token, commandKey, List.of());
  }

  /**
   * The same, with the site-local app (on the loopback, a free port) taking {@code accounts}; with
   * commands, it takes local commands with the same load step central plans with.
   */
  static EdgeConfig edgeConfig(
      Options options,
      SiteSimulator simulator,
      URI central,
      String token,
      Path commandKey,
      List<LocalAppConfig.Account> accounts) {
    List<MinerConfig> miners =
        simulator.miners().stream().map(m -> new MinerConfig(m.id(), m.host(), m.port())).toList();
    List<ModbusConfig> modbus =
        List.of(
            modbus(simulator.generator(), ModbusConfig.Role.GENERATOR),
            modbus(simulator.gensetFuelMeter(), ModbusConfig.Role.GENSET_FUEL_METER),
            modbus(simulator.flareMeter(), ModbusConfig.Role.FLARE_METER));
    long interval = options.pollIntervalMillis();
    return new EdgeConfig(
        options.site(),
        new CentralLink(central, token),
        new PollingConfig(
            interval, Math.min(3_000L, interval / 2), 200, Math.min(500L, interval / 10)),
        miners,
        List.of(),
        modbus,
        new BufferConfig(options.bufferFile(), options.bufferMaxBytes()),
        UplinkConfig.defaults(),
        options.emissions(),
        new MetricsConfig("127.0.0.1", 0),
        commandKey == null ? null : options.commands().edgeSection(simulator, commandKey),
        null,
        new LocalAppConfig(
            "127.0.0.1",
            0,
            null,
            null,
            null,
            null,
            commandKey == null ? null : localLoadStepKw(options),
            options.commands() == null ? null : options.commands().rampStepSeconds(),
            accounts));
  }

  /** The load step central plans with for the site (10 % of the rating unless set). */
  private static double localLoadStepKw(Options options) {
    double ratedKw = options.simulator().physics().ratedKw();
    Double step = options.commands().maxLoadStepKw();
    return step == null ? ratedKw / 10 : Math.min(step, ratedKw);
  }

  /** The site-local app's account: an engineer with the same password as central's users. */
  public static final String FIELD_USER = "field";

  private static ModbusConfig modbus(ModbusEndpoint endpoint, ModbusConfig.Role role) {
    return new ModbusConfig(
        endpoint.id(),
        role,
        endpoint.host(),
        endpoint.port(),
        endpoint.unitId(),
        "classpath:" + endpoint.registerMap(),
        null,
        null);
  }

  private static Future<String> login(Vertx vertx, int port, String password) {
    WebClient client = WebClient.create(vertx);
    return client
        .post(port, "127.0.0.1", "/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("username", USER).put("password", password))
        .map(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("login failed: " + response.bodyAsString());
              }
              return response.bodyAsJsonObject().getString("token");
            })
        .eventually(
            () -> {
              client.close();
              return Future.succeededFuture();
            });
  }

  /** The administrator's password, made at start. */
  public String password() {
    return password;
  }

  /** The site's ingest token (the edge's credential towards central). */
  public String ingestToken() {
    return ingestToken;
  }

  /** A bearer token of the administrator, for the API's user endpoints. */
  public String bearerToken() {
    return bearerToken;
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public CentralApp central() {
    return central;
  }

  /** Stops central, as an outage would; the edge keeps collecting into its buffer. */
  public Future<Void> stopCentral() {
    return central.stop();
  }

  /** Starts central again on the port it had. */
  public Future<Void> restartCentral() {
    int port = central.port();
    CentralConfig samePort =
        new CentralConfig(
            new io.flarewatch.central.config.HttpConfig(
                centralConfig.http().host(),
                port,
                centralConfig.http().maxBodyBytes(),
                centralConfig.http().trustedProxies(),
                centralConfig.http().tls(),
                centralConfig.http().idleTimeoutSeconds(),
                centralConfig.http().requestHeadTimeoutSeconds()),
            centralConfig.influx(),
            centralConfig.sites(),
            centralConfig.auth(),
            centralConfig.reports(),
            centralConfig.ingest(),
            centralConfig.commands());
    return CentralApp.start(vertx, samePort)
        .map(
            restarted -> {
              central = restarted;
              return null;
            });
  }

  public SiteSimulator simulator() {
    return simulator;
  }

  /** The running edge; null after {@link #stopEdge()}. */
  public EdgeApp edge() {
    return edge;
  }

  /** The configuration the edge runs with (e.g. to run it as a process of its own). */
  public EdgeConfig edgeConfig() {
    return edgeConfig;
  }

  /** Stops the edge, as a site going dark would; central and the simulator keep running. */
  public Future<Void> stopEdge() {
    EdgeApp running = edge;
    edge = null;
    return running == null ? Future.succeededFuture() : running.stop();
  }

  /** Starts the edge again on its configuration (and so its buffer). */
  public Future<Void> startEdge() {
    if (edge != null) {
      return Future.failedFuture("the edge is running");
    }
    return EdgeApp.start(vertx, edgeConfig)
        .map(
            started -> {
              edge = started;
              return null;
            });
  }

  /**
   * Stops the edge first (it flushes nothing it has not stored), then the simulator, then central.
   */
  public Future<Void> stop() {
    return stopEdge().eventually(simulator::close).eventually(central::stop);
  }

  public Vertx vertx() {
    return vertx;
  }
}
