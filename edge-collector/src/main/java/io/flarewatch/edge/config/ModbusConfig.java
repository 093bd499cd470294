package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import io.flarewatch.drivers.modbus.RegisterDefinition;
import io.flarewatch.drivers.modbus.RegisterMap;
import io.flarewatch.drivers.modbus.RegisterMapLoader;
import io.flarewatch.wire.Schema;
import java.nio.file.Path;

/**
 * A Modbus TCP device and the register map that describes it. The map is read when the config is
 * checked, so a missing map, or a gas meter's totalizer register missing from it, is a config error
 * at load.
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

  private static final String CLASSPATH = "classpath:";

  /** The part a Modbus device plays at a site. */
  public enum Role {
    GENERATOR,
    GENSET_FUEL_METER,
    FLARE_METER
  }

  public ModbusConfig {
    port = port == null ? 502 : port;
    unitId = unitId == null ? 1 : unitId;
    totalizerRegister = totalizerRegister == null ? "volume_total_scf" : totalizerRegister;
    maxFlowScfPerSecond = maxFlowScfPerSecond == null ? 1_000.0 : maxFlowScfPerSecond;
    ConfigCheck check = new ConfigCheck();
    check.run("id", () -> Schema.checkId("device id", id));
    check.that(role != null, "role", "is required: GENERATOR, GENSET_FUEL_METER or FLARE_METER");
    check.that(host != null && !host.isBlank(), "host", "is required");
    check.that(port >= 1 && port <= 65535, "port", port + " is not a port number");
    check.that(unitId >= 0 && unitId <= 255, "unitId", unitId + " must be 0 to 255");
    check.that(
        maxFlowScfPerSecond > 0, "maxFlowScfPerSecond", maxFlowScfPerSecond + " must be above 0");
    if (check.that(registerMap != null && !registerMap.isBlank(), "registerMap", "is required")) {
      String source = registerMap;
      String totalizer = totalizerRegister;
      boolean gasMeter = isGasMeter(role);
      check.run(
          "registerMap",
          () -> {
            RegisterMap map = load(source);
            if (gasMeter) {
              check.run("totalizerRegister", () -> totalizerIn(map, totalizer, source));
            }
          });
    }
    check.orThrow();
  }

  public boolean isGasMeter() {
    return isGasMeter(role);
  }

  /** Reads the register map ({@link #registerMap()}: a file, or a classpath resource). */
  public RegisterMap loadRegisterMap() {
    return load(registerMap);
  }

  /** A gas meter's totalizer register in {@code map}. */
  public RegisterDefinition totalizerRegisterIn(RegisterMap map) {
    return totalizerIn(map, totalizerRegister, registerMap);
  }

  private static boolean isGasMeter(Role role) {
    return role == Role.GENSET_FUEL_METER || role == Role.FLARE_METER;
  }

  private static RegisterMap load(String source) {
    try {
      return source.startsWith(CLASSPATH)
          ? RegisterMapLoader.fromResource(source.substring(CLASSPATH.length()))
          : RegisterMapLoader.load(Path.of(source));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static RegisterDefinition totalizerIn(RegisterMap map, String name, String source) {
    return map.register(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "register '" + name + "' is not in the map " + source));
  }
}
