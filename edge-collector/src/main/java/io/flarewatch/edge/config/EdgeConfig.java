package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.config.ConfigCheck;
import io.flarewatch.config.ConfigException;
import io.flarewatch.config.ConfigKey;
import io.flarewatch.emissions.InvalidEmissionsParametersException;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.wire.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One site's edge: which devices to poll, how often, where to buffer and where to send. Every
 * problem of the whole file is reported at once, each under its key.
 *
 * @param site the site id every point carries
 * @param central where samples go
 * @param polling cycle timing and limits
 * @param miners miners listed one by one
 * @param minerRanges miners on consecutive loopback/LAN addresses
 * @param modbus generator and gas meters
 * @param buffer the durable local buffer
 * @param uplink batching and retry towards central
 * @param emissions the site's emissions parameters (see the emissions-methodology module)
 * @param metrics where metrics are served; absent means not served
 * @param commands remote commands from central; absent means the edge takes none
 * @param loadControl the site's gas-following loop; absent means off
 * @param localApp the site's own copy of the web app and its site-local API; absent means not
 *     served
 */
public record EdgeConfig(
    @JsonProperty("site") String site,
    @JsonProperty("central") CentralLink central,
    @JsonProperty("polling") PollingConfig polling,
    @JsonProperty("miners") List<MinerConfig> miners,
    @JsonProperty("minerRanges") List<MinerRangeConfig> minerRanges,
    @JsonProperty("modbus") List<ModbusConfig> modbus,
    @JsonProperty("buffer") BufferConfig buffer,
    @JsonProperty("uplink") UplinkConfig uplink,
    @JsonProperty("emissions") JsonNode emissions,
    @JsonProperty("metrics") MetricsConfig metrics,
    @JsonProperty("commands") CommandsConfig commands,
    @JsonProperty("loadControl") LoadControlConfig loadControl,
    @JsonProperty("localApp") LocalAppConfig localApp) {

  public EdgeConfig {
    ConfigCheck check = new ConfigCheck();
    check.run("site", () -> Schema.checkId("site", site));
    check.that(central != null, "central", "is required (url and token)");
    polling = polling == null ? PollingConfig.defaults() : polling;
    miners = present(check, "miners", miners);
    minerRanges = present(check, "minerRanges", minerRanges);
    modbus = present(check, "modbus", modbus);
    check.that(buffer != null, "buffer", "is required (path of the buffer file)");
    uplink = uplink == null ? UplinkConfig.defaults() : uplink;
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < miners.size(); i++) {
      String id = miners.get(i).id();
      check.that(
          ids.add(id), ConfigKey.element("miners", i, "id"), "miner id '" + id + "' is used twice");
    }
    for (int i = 0; i < minerRanges.size(); i++) {
      for (MinerConfig miner : minerRanges.get(i).expand()) {
        check.that(
            ids.add(miner.id()),
            ConfigKey.element("minerRanges", i),
            "miner id '" + miner.id() + "' is used twice");
      }
    }
    for (int i = 0; i < modbus.size(); i++) {
      String id = modbus.get(i).id();
      check.that(
          ids.add(id),
          ConfigKey.element("modbus", i, "id"),
          "device id '" + id + "' is used twice");
    }
    if (emissions != null && !emissions.isNull()) {
      try {
        SiteEmissionsParameters.fromJson(emissions, "emissions");
      } catch (InvalidEmissionsParametersException e) {
        check.problem(e.path(), e.problem());
      }
    }
    long generators = modbus.stream().filter(d -> d.role() == ModbusConfig.Role.GENERATOR).count();
    check.that(generators <= 1, "modbus", "more than one device has role GENERATOR");
    loadControl = loadControl == null ? LoadControlConfig.disabled() : loadControl;
    if (loadControl.enabled()) {
      check.that(
          generators == 1,
          "loadControl.enabled",
          "the load loop needs a modbus device with role GENERATOR (its alarms and output)");
      check.that(
          modbus.stream().anyMatch(d -> d.role() != ModbusConfig.Role.GENERATOR),
          "loadControl.enabled",
          "the load loop needs a gas meter (role GENSET_FUEL_METER or FLARE_METER)");
    }
    check.that(
        localApp == null || localApp.maxLoadStepKw() == null || commands != null,
        "localApp.maxLoadStepKw",
        "local commands run through the command executor: the config needs a commands section");
    check.orThrow();
  }

  /** An edge that serves no site-local app. */
  public EdgeConfig(
      String site,
      CentralLink central,
      PollingConfig polling,
      List<MinerConfig> miners,
      List<MinerRangeConfig> minerRanges,
      List<ModbusConfig> modbus,
      BufferConfig buffer,
      UplinkConfig uplink,
      JsonNode emissions,
      MetricsConfig metrics,
      CommandsConfig commands,
      LoadControlConfig loadControl) {
    this(
        site,
        central,
        polling,
        miners,
        minerRanges,
        modbus,
        buffer,
        uplink,
        emissions,
        metrics,
        commands,
        loadControl,
        null);
  }

  /** An edge without the load loop and without a site-local app. */
  public EdgeConfig(
      String site,
      CentralLink central,
      PollingConfig polling,
      List<MinerConfig> miners,
      List<MinerRangeConfig> minerRanges,
      List<ModbusConfig> modbus,
      BufferConfig buffer,
      UplinkConfig uplink,
      JsonNode emissions,
      MetricsConfig metrics,
      CommandsConfig commands) {
    this(
        site,
        central,
        polling,
        miners,
        minerRanges,
        modbus,
        buffer,
        uplink,
        emissions,
        metrics,
        commands,
        null,
        null);
  }

  /** An edge that takes no remote commands. */
  public EdgeConfig(
      String site,
      CentralLink central,
      PollingConfig polling,
      List<MinerConfig> miners,
      List<MinerRangeConfig> minerRanges,
      List<ModbusConfig> modbus,
      BufferConfig buffer,
      UplinkConfig uplink,
      JsonNode emissions,
      MetricsConfig metrics) {
    this(
        site,
        central,
        polling,
        miners,
        minerRanges,
        modbus,
        buffer,
        uplink,
        emissions,
        metrics,
        null,
        null,
        null);
  }

  /** The site's emissions parameters, empty when the site has no {@code emissions:} section. */
  public Optional<SiteEmissionsParameters> emissionsParameters() {
    return emissions == null || emissions.isNull()
        ? Optional.empty()
        : Optional.of(emissionsParameters(emissions));
  }

  private static SiteEmissionsParameters emissionsParameters(JsonNode section) {
    try {
      return SiteEmissionsParameters.fromJson(section, "emissions");
    } catch (InvalidEmissionsParametersException e) {
      throw new ConfigException(e.path(), e.problem());
    }
  }

  /** The list without its empty entries, each named as a problem; empty when absent. */
  private static <T> List<T> present(ConfigCheck check, String key, List<T> given) {
    if (given == null) {
      return List.of();
    }
    List<T> present = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      if (check.that(given.get(i) != null, ConfigKey.element(key, i), "is empty")) {
        present.add(given.get(i));
      }
    }
    return List.copyOf(present);
  }

  /** Every miner, the listed ones first, then the ranges expanded. */
  public List<MinerConfig> allMiners() {
    List<MinerConfig> all = new ArrayList<>(miners);
    for (MinerRangeConfig range : minerRanges) {
      all.addAll(range.expand());
    }
    return all;
  }
}
