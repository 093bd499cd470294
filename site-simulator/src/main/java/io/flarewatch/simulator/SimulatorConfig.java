package io.flarewatch.simulator;

import static io.flarewatch.simulator.ConfigChecks.require;

import io.flarewatch.config.ConfigException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link SiteSimulator} needs. Build it with {@link #defaults(int, long)} and the
 * {@code with...} methods, or load it from JSON ({@link #fromJson(String)}): keys left out take the
 * defaults for the configured miner count. Invalid values are rejected with a {@link
 * ConfigException} naming the key; each section checks its own keys.
 *
 * @param seed seed of every random source: same seed, same clock readings, same served values
 * @param tickMillis length of a simulation tick; values are constant within a tick
 * @param miners the miner fleet
 * @param modbus where the generator and gas meters listen and which maps they serve
 * @param physics the generator, gas supply and meters
 * @param faults faults active from the start (changeable at runtime with {@link FaultInjector})
 * @param groundTruthCapacity how many served miner replies and served Modbus responses are kept
 *     (each in its own ring buffer)
 * @param gas the shape of the gas supply over time
 * @param engine how the engine reacts to a lack of fuel, and its alarms
 */
public record SimulatorConfig(
    long seed,
    long tickMillis,
    FleetConfig miners,
    ModbusDevicesConfig modbus,
    PhysicsConfig physics,
    FaultsConfig faults,
    int groundTruthCapacity,
    GasConfig gas,
    EngineConfig engine) {

  /** Largest fleet a simulator serves. */
  public static final int MAX_MINERS = FleetConfig.MAX_MINERS;

  /** Device id of the generator controller. */
  public static final String GENERATOR = "generator";

  /** Device id of the gas meter on the generator's fuel line. */
  public static final String GENSET_FUEL_METER = "genset-fuel";

  /** Device id of the gas meter on the flare line. */
  public static final String FLARE_METER = "flare";

  /** The Modbus device ids. */
  public static final List<String> MODBUS_DEVICES =
      List.of(GENERATOR, GENSET_FUEL_METER, FLARE_METER);

  public SimulatorConfig {
    require(
        tickMillis >= 10 && tickMillis <= 3_600_000,
        "tickMillis",
        "must be between 10 and 3600000, got " + tickMillis);
    require(
        groundTruthCapacity >= 1 && groundTruthCapacity <= 10_000_000,
        "groundTruthCapacity",
        "must be between 1 and 10000000, got " + groundTruthCapacity);
    require(miners != null, "miners", "is missing");
    require(modbus != null, "modbus", "is missing");
    require(physics != null, "physics", "is missing");
    require(faults != null, "faults", "is missing");
    require(gas != null, "gas", "is missing");
    require(engine != null, "engine", "is missing");
    faults.checkMiners(miners.count());
  }

  /**
   * A config with the original random-walk gas supply ({@link GasConfig#defaults}, base {@code
   * physics.supplyMeanMscfd}) and the default engine ({@link EngineConfig#defaults()}).
   */
  public SimulatorConfig(
      long seed,
      long tickMillis,
      FleetConfig miners,
      ModbusDevicesConfig modbus,
      PhysicsConfig physics,
      FaultsConfig faults,
      int groundTruthCapacity) {
    this(
        seed,
        tickMillis,
        miners,
        modbus,
        physics,
        faults,
        groundTruthCapacity,
        GasConfig.defaults(physics == null ? 0 : physics.supplyMeanMscfd(), seed),
        EngineConfig.defaults());
  }

  /**
   * Sane defaults for {@code miners} miners: PORT_RANGE on 127.0.0.1 with ephemeral ports, Modbus
   * devices on ephemeral ports serving the simulator's own maps, an equal mix of the three
   * flavours, 1 s ticks, a generator and gas supply sized for the fleet (supply about 30 % above
   * full demand, so some gas is flared).
   */
  public static SimulatorConfig defaults(int miners, long seed) {
    require(
        miners >= 1 && miners <= MAX_MINERS,
        "miners.count",
        "must be between 1 and " + MAX_MINERS + ", got " + miners);
    Map<Flavour, Integer> mix = new EnumMap<>(Flavour.class);
    for (Flavour f : Flavour.DEFAULT_MIX) {
      mix.put(f, 1);
    }
    double demandKw = miners * MinerHardware.TYPICAL_WATTS / 1000.0 * 1.03;
    double ratedKw = Math.max(10, Math.ceil(demandKw / 0.8 / 10) * 10);
    double fuelScfh = demandKw * 9500 / 1242.5;
    double supplyMscfd = Math.round(fuelScfh * 24 / 1000 * 1.3 * 100) / 100.0;
    return new SimulatorConfig(
        seed,
        1000,
        new FleetConfig(miners, Addressing.PORT_RANGE, "127.0.0.1", 0, mix),
        ModbusDevicesConfig.defaults("127.0.0.1"),
        new PhysicsConfig(
            ratedKw,
            0.85,
            0.03,
            9500,
            1242.5,
            supplyMscfd,
            supplyMscfd * 0.005,
            0.01,
            0.2,
            30,
            0,
            0,
            List.of(),
            List.of()),
        FaultsConfig.none(),
        100_000,
        GasConfig.defaults(supplyMscfd, seed),
        EngineConfig.defaults());
  }

  public SimulatorConfig withMiners(FleetConfig m) {
    return new SimulatorConfig(
        seed, tickMillis, m, modbus, physics, faults, groundTruthCapacity, gas, engine);
  }

  public SimulatorConfig withModbus(ModbusDevicesConfig m) {
    return new SimulatorConfig(
        seed, tickMillis, miners, m, physics, faults, groundTruthCapacity, gas, engine);
  }

  public SimulatorConfig withPhysics(PhysicsConfig p) {
    return new SimulatorConfig(
        seed, tickMillis, miners, modbus, p, faults, groundTruthCapacity, gas, engine);
  }

  public SimulatorConfig withFaults(FaultsConfig f) {
    return new SimulatorConfig(
        seed, tickMillis, miners, modbus, physics, f, groundTruthCapacity, gas, engine);
  }

  public SimulatorConfig withTickMillis(long t) {
    return new SimulatorConfig(
        seed, t, miners, modbus, physics, faults, groundTruthCapacity, gas, engine);
  }

  public SimulatorConfig withGroundTruthCapacity(int c) {
    return new SimulatorConfig(seed, tickMillis, miners, modbus, physics, faults, c, gas, engine);
  }

  /** The gas supply's profile and parameters. */
  public SimulatorConfig withGas(GasConfig g) {
    return new SimulatorConfig(
        seed, tickMillis, miners, modbus, physics, faults, groundTruthCapacity, g, engine);
  }

  /** The engine's fuel-deficit behaviour and alarms. */
  public SimulatorConfig withEngine(EngineConfig e) {
    return new SimulatorConfig(
        seed, tickMillis, miners, modbus, physics, faults, groundTruthCapacity, gas, e);
  }

  /** Reads a config file; see {@link #fromJson(String)}. */
  public static SimulatorConfig load(Path file) {
    return SimulatorConfigJson.load(file);
  }

  /**
   * Parses a JSON config. Keys left out take the values of {@link #defaults(int, long)} for the
   * given {@code miners.count} and {@code seed}; unknown keys are rejected.
   */
  public static SimulatorConfig fromJson(String json) {
    return SimulatorConfigJson.fromJson(json);
  }

  /** Serialises this config to JSON (the format {@link #fromJson(String)} reads). */
  public String toJson() {
    return SimulatorConfigJson.toJson(this);
  }
}
