package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.config.ConfigException;
import io.flarewatch.emissions.InvalidEmissionsParametersException;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.wire.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One site's edge: which devices to poll, how often, where to buffer and where to send.
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
    @JsonProperty("metrics") MetricsConfig metrics) {

  public EdgeConfig {
    try {
      Schema.checkId("site", site);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("site", e.getMessage());
    }
    if (central == null) {
      throw new ConfigException("central", "is required (url and token)");
    }
    polling = polling == null ? PollingConfig.defaults() : polling;
    miners = miners == null ? List.of() : List.copyOf(miners);
    minerRanges = minerRanges == null ? List.of() : List.copyOf(minerRanges);
    modbus = modbus == null ? List.of() : List.copyOf(modbus);
    if (buffer == null) {
      throw new ConfigException("buffer", "is required (path of the buffer file)");
    }
    uplink = uplink == null ? UplinkConfig.defaults() : uplink;
    Set<String> ids = new HashSet<>();
    for (MinerConfig miner : allMiners(miners, minerRanges)) {
      if (!ids.add(miner.id())) {
        throw new ConfigException("miners", "miner id '" + miner.id() + "' is used twice");
      }
    }
    for (ModbusConfig device : modbus) {
      if (!ids.add(device.id())) {
        throw new ConfigException("modbus", "device id '" + device.id() + "' is used twice");
      }
    }
    if (emissions != null && !emissions.isNull()) {
      emissionsParameters(emissions);
    }
    long generators = modbus.stream().filter(d -> d.role() == ModbusConfig.Role.GENERATOR).count();
    if (generators > 1) {
      throw new ConfigException("modbus", "more than one device has role GENERATOR");
    }
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

  /** Every miner, the listed ones first, then the ranges expanded. */
  public List<MinerConfig> allMiners() {
    return allMiners(miners, minerRanges);
  }

  private static List<MinerConfig> allMiners(
      List<MinerConfig> listed, List<MinerRangeConfig> ranges) {
    List<MinerConfig> all = new ArrayList<>(listed);
    for (MinerRangeConfig range : ranges) {
      all.addAll(range.expand());
    }
    return all;
  }
}
