package io.flarewatch.edge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flarewatch.config.ConfigException;
import io.flarewatch.config.YamlConfigReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeConfigTest {

  private static final String VALID =
      """
      site: well-7
      central: {url: "http://127.0.0.1:8080", token: secret}
      polling: {intervalMillis: 10000, deviceTimeoutMillis: 3000}
      miners:
        - {id: spare-1, host: 10.0.0.9}
      minerRanges:
        - {firstHost: 127.0.1.254, count: 3}
      modbus:
        - {id: gen-1, role: GENERATOR, host: 127.0.0.1, port: 5020,
           registerMap: "classpath:register-maps/flarewatch-sim-generator.json"}
      buffer: {path: edge.db}
      """;

  @Test
  void expandsRangesAcrossAddressBoundariesWithDefaults() {
    EdgeConfig config = YamlConfigReader.parse(VALID, EdgeConfig.class);

    assertEquals(
        List.of(
            new MinerConfig("spare-1", "10.0.0.9", 4028),
            new MinerConfig("miner-0001", "127.0.1.254", 4028),
            new MinerConfig("miner-0002", "127.0.1.255", 4028),
            new MinerConfig("miner-0003", "127.0.2.0", 4028)),
        config.allMiners());
    assertEquals(1, config.modbus().get(0).unitId());
    assertEquals(5_000, config.uplink().batchMaxLines());
    assertEquals(BufferConfig.DEFAULT_RESERVE_BYTES, config.buffer().reserveBytes());
    assertEquals("CentralLink[url=http://127.0.0.1:8080, token=***]", config.central().toString());
  }

  @Test
  void theDocumentedExampleIsValid() {
    EdgeConfig config =
        YamlConfigReader.load(java.nio.file.Path.of("config/edge.example.yaml"), EdgeConfig.class);
    assertEquals(241, config.allMiners().size());
    assertEquals("10.20.1.240", config.allMiners().get(240).host());
    assertEquals(3, config.modbus().size());
    assertEquals(true, config.emissionsParameters().isPresent());
    assertEquals(64L << 20, config.buffer().reserveBytes());
  }

  @Test
  void badEmissionsParametersAreNamed() {
    String yaml =
        VALID
            + "emissions: {gasComposition: {CH4: 0.5}, compositionSource: x,"
            + " flare: {tier: 1}, engine: {type: GAS_TURBINE}}\n";
    ConfigException e =
        assertThrows(ConfigException.class, () -> YamlConfigReader.parse(yaml, EdgeConfig.class));
    assertEquals(
        true,
        e.getMessage().startsWith("emissions.gasComposition: mole fractions sum to 0.5000"),
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad site id       | 'site: well-7'                  | 'site: Well 7'                   | site: site 'Well 7' is not a valid id",
        "unknown key       | 'buffer: {path: edge.db}'       | 'buffer: {path: edge.db, max: 1}' | buffer.max: is not a known key (known keys: maxBytes, path, reserveBytes)",
        "negative reserve  | 'buffer: {path: edge.db}'       | 'buffer: {path: edge.db, reserveBytes: -1}' | buffer.reserveBytes: -1 is below 0",
        "timeout too long  | 'deviceTimeoutMillis: 3000'     | 'deviceTimeoutMillis: 20000'     | polling.deviceTimeoutMillis: 20000 must be at least 10 and below intervalMillis (10000)",
        "bad role          | 'role: GENERATOR'               | 'role: ENGINE'                   | modbus[0].role: 'ENGINE' is not one of [GENERATOR, GENSET_FUEL_METER, FLARE_METER]",
        "range not an IPv4 | 'firstHost: 127.0.1.254'        | 'firstHost: miners.local'        | minerRanges[0].firstHost: 'miners.local' is not an IPv4 address",
        "missing token     | 'token: secret'                 | 'token: \"\"'                    | central.token: is required",
        "CA for plain http | 'token: secret'                 | 'token: secret, caCertPath: config/edge.example.yaml' | central.caCertPath: applies to an https url only",
        "CA unreadable     | '\"http://127.0.0.1:8080\", token: secret' | '\"https://c.example\", token: secret, caCertPath: /nonexistent/ca.pem' | central.caCertPath: '/nonexistent/ca.pem' cannot be read",
      })
  void rejectsBadValuesNamingTheKey(String name, String from, String to, String message) {
    String yaml = VALID.replace(from, to);
    ConfigException e =
        assertThrows(ConfigException.class, () -> YamlConfigReader.parse(yaml, EdgeConfig.class));
    assertEquals(true, e.getMessage().startsWith(message), () -> "message was: " + e.getMessage());
  }

  @Test
  void everyBadSettingIsReportedAtOnceEachUnderItsKey() {
    String yaml =
        """
        site: well-7
        central: {url: "ftp://central", token: secret}
        polling: {intervalMillis: 50}
        miners:
          - {id: spare-1, host: 10.0.0.9, port: 70000}
          - {id: spare-2, host: 10.0.0.10}
        minerRanges:
          - {firstHost: 127.0.1.1, count: 2}
          - {firstHost: miners.local, count: 0}
        modbus:
          - {id: flare, role: FLARE_METER, host: 127.0.0.1, totalizerRegister: no_such,
             registerMap: "classpath:register-maps/flarewatch-sim-gas-meter.json"}
        buffer: {path: edge.db, maxBytes: 10}
        uplink: {batchMaxLines: 0, colour: red}
        """;
    ConfigException e =
        assertThrows(ConfigException.class, () -> YamlConfigReader.parse(yaml, EdgeConfig.class));
    assertEquals(
        List.of(
            "central.url: 'ftp://central' is not an http(s) URL",
            "polling.intervalMillis: 50 is below 100",
            "polling.deviceTimeoutMillis: 3000 must be at least 10 and below intervalMillis (50)",
            "polling.jitterMillis: 1000 must be >= 0 and leave room for the timeout within the"
                + " interval",
            "miners[0].port: 70000 is not a port number",
            "minerRanges[1].firstHost: 'miners.local' is not an IPv4 address",
            "minerRanges[1].count: 0 must be 1 to 65536",
            "modbus[0].totalizerRegister: register 'no_such' is not in the map"
                + " classpath:register-maps/flarewatch-sim-gas-meter.json",
            "buffer.maxBytes: 10 is below 1024",
            "uplink.batchMaxLines: 0 must be 1 to 100000",
            "uplink.colour: is not a known key (known keys: batchMaxLines, catchUpFactor,"
                + " liveWindowMillis, maxBackoffMillis, minBackoffMillis, requestTimeoutMillis)"),
        e.problems().stream().map(Object::toString).toList());
  }

  @Test
  void aGasMetersTotalizerRegisterIsCheckedWhenTheConfigIsLoaded() {
    String yaml =
        VALID.replace(
            "buffer:",
            "  - {id: fuel, role: GENSET_FUEL_METER, host: 127.0.0.1, totalizerRegister: volume,\n"
                + "     registerMap: \"classpath:register-maps/flarewatch-sim-gas-meter.json\"}\n"
                + "buffer:");
    ConfigException e =
        assertThrows(ConfigException.class, () -> YamlConfigReader.parse(yaml, EdgeConfig.class));
    assertEquals(
        "modbus[1].totalizerRegister: register 'volume' is not in the map"
            + " classpath:register-maps/flarewatch-sim-gas-meter.json",
        e.getMessage());
    assertEquals(
        "modbus[0].registerMap: no/such/map.json: ",
        assertThrows(
                ConfigException.class,
                () ->
                    YamlConfigReader.parse(
                        VALID.replace(
                            "classpath:register-maps/flarewatch-sim-generator.json",
                            "no/such/map.json"),
                        EdgeConfig.class))
            .getMessage()
            .substring(0, "modbus[0].registerMap: no/such/map.json: ".length()));
  }

  @Test
  void theSitesTokenIsNeverPrinted() {
    EdgeConfig config = YamlConfigReader.parse(VALID, EdgeConfig.class);
    assertEquals(false, config.toString().contains("secret"), config.toString());
  }
}
