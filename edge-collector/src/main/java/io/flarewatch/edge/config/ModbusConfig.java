package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import io.flarewatch.wire.Schema;

/**
 * A Modbus TCP device and the register map that describes it.
 *
 * @param id device id, e.g. {@code gen-1}
 * @param role what the device is to the site
 * @param host address
 * @param port Modbus TCP port, default 502
 * @param unitId Modbus unit id, default 1
 * @param registerMap a register map file, or {@code classpath:register-maps/...} for a bundled one
 * @param totalizerRegister for gas meters: the register holding cumulative volume in scf
 * @param maxFlowScfPerSecond for gas meters: the most gas the line can carry, to tell a totalizer
 *     rollover from a reset
 */
public record ModbusConfig(
    @JsonProperty("id") String id,
    @JsonProperty("role") Role role,
    @JsonProperty("host") String host,
    @JsonProperty("port") Integer port,
    @JsonProperty("unitId") Integer unitId,
    @JsonProperty("registerMap") String registerMap,
    @JsonProperty("totalizerRegister") String totalizerRegister,
    @JsonProperty("maxFlowScfPerSecond") Double maxFlowScfPerSecond) {

  /** The part a Modbus device plays at a site. */
  public enum Role {
    GENERATOR,
    GENSET_FUEL_METER,
    FLARE_METER
  }

  public ModbusConfig {
    try {
      Schema.checkId("device id", id);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("modbus[].id", e.getMessage());
    }
    if (role == null) {
      throw new ConfigException(
          "modbus[" + id + "].role", "is required: GENERATOR, GENSET_FUEL_METER or FLARE_METER");
    }
    if (host == null || host.isBlank()) {
      throw new ConfigException("modbus[" + id + "].host", "is required");
    }
    port = port == null ? 502 : port;
    if (port < 1 || port > 65535) {
      throw new ConfigException("modbus[" + id + "].port", port + " is not a port number");
    }
    unitId = unitId == null ? 1 : unitId;
    if (unitId < 0 || unitId > 255) {
      throw new ConfigException("modbus[" + id + "].unitId", unitId + " must be 0 to 255");
    }
    if (registerMap == null || registerMap.isBlank()) {
      throw new ConfigException("modbus[" + id + "].registerMap", "is required");
    }
    totalizerRegister = totalizerRegister == null ? "volume_total_scf" : totalizerRegister;
    maxFlowScfPerSecond = maxFlowScfPerSecond == null ? 1_000.0 : maxFlowScfPerSecond;
    if (!(maxFlowScfPerSecond > 0)) {
      throw new ConfigException(
          "modbus[" + id + "].maxFlowScfPerSecond", maxFlowScfPerSecond + " must be above 0");
    }
  }

  public boolean isGasMeter() {
    return role == Role.GENSET_FUEL_METER || role == Role.FLARE_METER;
  }
}
