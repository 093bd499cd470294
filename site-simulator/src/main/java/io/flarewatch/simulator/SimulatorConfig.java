package io.flarewatch.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a {@link SiteSimulator} needs. Build it with {@link #defaults(int, long)} and the
 * {@code with...} methods, or load it from JSON ({@link #fromJson(String)}): keys left out take the
 * defaults for the configured miner count. Invalid values are rejected with a message naming the
 * key.
 *
 * @param seed seed of every random source: same seed, same clock readings, same served values
 * @param tickMillis length of a simulation tick; values are constant within a tick
 * @param miners the miner fleet
 * @param modbus where the generator and gas meters listen
 * @param physics the generator, gas supply and meters
 * @param faults faults active from the start (changeable at runtime with {@link FaultInjector})
 * @param groundTruthCapacity how many served miner replies and served Modbus responses are kept
 *     (each in its own ring buffer)
 */
public record SimulatorConfig(
    long seed,
    long tickMillis,
    Miners miners,
    Modbus modbus,
    Physics physics,
    Faults faults,
    int groundTruthCapacity) {

  /** Largest fleet a simulator serves. */
  public static final int MAX_MINERS = 5000;

  /** Device id of the generator controller. */
  public static final String GENERATOR = "generator";

  /** Device id of the gas meter on the generator's fuel line. */
  public static final String GENSET_FUEL_METER = "genset-fuel";

  /** Device id of the gas meter on the flare line. */
  public static final String FLARE_METER = "flare";

  /** The Modbus device ids. */
  public static final List<String> MODBUS_DEVICES =
      List.of(GENERATOR, GENSET_FUEL_METER, FLARE_METER);

  /**
   * The miner fleet.
   *
   * @param count number of miners, 1..5000; ids are miner-0001, miner-0002, ...
   * @param addressing how miners are placed on the network
   * @param baseHost loopback address of the first miner (LOOPBACK_RANGE) or of all (PORT_RANGE)
   * @param basePort port of every miner (LOOPBACK_RANGE) or of the first (PORT_RANGE; 0 = each an
   *     ephemeral port)
   * @param flavourMix weights of the firmware flavours; miners are assigned in a repeating pattern
   *     so the shares are exact (weights 1/1/1 with 3 miners: one of each)
   */
  public record Miners(
      int count,
      Addressing addressing,
      String baseHost,
      int basePort,
      Map<Flavour, Integer> flavourMix) {

    public Miners {
      flavourMix = flavourMix == null ? null : Map.copyOf(flavourMix);
    }
  }

  /**
   * Where the Modbus TCP devices listen. Each device has its own TCP port; all answer unit id
   * {@code unitId}.
   *
   * @param host loopback address of the three devices
   * @param generatorPort port of the generator controller (0 = ephemeral)
   * @param gensetFuelMeterPort port of the genset fuel-line gas meter (0 = ephemeral)
   * @param flareMeterPort port of the flare-line gas meter (0 = ephemeral)
   * @param unitId Modbus unit id the devices answer (1..247)
   */
  public record Modbus(
      String host, int generatorPort, int gensetFuelMeterPort, int flareMeterPort, int unitId) {}

  /**
   * The generator, gas supply and meters.
   *
   * @param ratedKw rated electrical output of the generator
   * @param powerFactor power factor (kVA = kW / PF)
   * @param auxiliaryFraction site auxiliary load as a fraction of the miners' power (~0.03)
   * @param heatRateBtuPerKwh generator heat rate, HHV basis (~9,500 Btu/kWh)
   * @param gasHhvBtuPerScf higher heating value of the gas (~1,242.5 Btu/scf)
   * @param supplyMeanMscfd mean gas supply from the well
   * @param supplyStepMscfd standard deviation of the random-walk step per tick
   * @param supplyMeanReversion fraction of the distance to the mean recovered each tick (0..1)
   * @param minLoadFraction generator shuts down when the gas supports less than this fraction of
   *     the rated output
   * @param restartDelaySeconds time after a shutdown before the generator tries to restart
   * @param gensetFuelTotalizerStartScf start value of the genset fuel meter totalizer
   * @param flareTotalizerStartScf start value of the flare meter totalizer
   * @param supplyDrops scheduled drops of the gas supply
   * @param totalizerResets scheduled totalizer resets
   */
  public record Physics(
      double ratedKw,
      double powerFactor,
      double auxiliaryFraction,
      double heatRateBtuPerKwh,
      double gasHhvBtuPerScf,
      double supplyMeanMscfd,
      double supplyStepMscfd,
      double supplyMeanReversion,
      double minLoadFraction,
      long restartDelaySeconds,
      long gensetFuelTotalizerStartScf,
      long flareTotalizerStartScf,
      List<SupplyDrop> supplyDrops,
      List<TotalizerReset> totalizerResets) {

    public Physics {
      supplyDrops = supplyDrops == null ? null : List.copyOf(supplyDrops);
      totalizerResets = totalizerResets == null ? null : List.copyOf(totalizerResets);
    }
  }

  /**
   * The gas supply drops by {@code fraction} (0..1) from {@code atSecond} (since start) for {@code
   * durationSeconds}.
   */
  public record SupplyDrop(long atSecond, long durationSeconds, double fraction) {}

  /** The totalizer of gas meter {@code device} is set back to 0 at {@code atSecond}. */
  public record TotalizerReset(String device, long atSecond) {}

  /**
   * Faults active from the start.
   *
   * @param miners per miner id
   * @param modbus per device id (generator, genset-fuel, flare)
   */
  public record Faults(
      Map<String, MinerFaultSettings> miners, Map<String, ModbusFaultSettings> modbus) {
    public Faults {
      miners = miners == null ? null : Map.copyOf(miners);
      modbus = modbus == null ? null : Map.copyOf(modbus);
    }
  }

  public SimulatorConfig {
    validate(seed, tickMillis, miners, modbus, physics, faults, groundTruthCapacity);
  }

  /**
   * Sane defaults for {@code miners} miners: PORT_RANGE on 127.0.0.1 with ephemeral ports, Modbus
   * devices on ephemeral ports, an equal mix of the three flavours, 1 s ticks, a generator and gas
   * supply sized for the fleet (supply about 30 % above full demand, so some gas is flared).
   */
  public static SimulatorConfig defaults(int miners, long seed) {
    if (miners < 1 || miners > MAX_MINERS) {
      throw new IllegalArgumentException(
          "miners.count must be between 1 and " + MAX_MINERS + ", got " + miners);
    }
    Map<Flavour, Integer> mix = new EnumMap<>(Flavour.class);
    for (Flavour f : Flavour.values()) {
      mix.put(f, 1);
    }
    double demandKw = miners * MinerHardware.TYPICAL_WATTS / 1000.0 * 1.03;
    double ratedKw = Math.max(10, Math.ceil(demandKw / 0.8 / 10) * 10);
    double fuelScfh = demandKw * 9500 / 1242.5;
    double supplyMscfd = Math.round(fuelScfh * 24 / 1000 * 1.3 * 100) / 100.0;
    return new SimulatorConfig(
        seed,
        1000,
        new Miners(miners, Addressing.PORT_RANGE, "127.0.0.1", 0, mix),
        new Modbus("127.0.0.1", 0, 0, 0, 1),
        new Physics(
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
        new Faults(Map.of(), Map.of()),
        100_000);
  }

  public SimulatorConfig withMiners(Miners m) {
    return new SimulatorConfig(seed, tickMillis, m, modbus, physics, faults, groundTruthCapacity);
  }

  public SimulatorConfig withModbus(Modbus m) {
    return new SimulatorConfig(seed, tickMillis, miners, m, physics, faults, groundTruthCapacity);
  }

  public SimulatorConfig withPhysics(Physics p) {
    return new SimulatorConfig(seed, tickMillis, miners, modbus, p, faults, groundTruthCapacity);
  }

  public SimulatorConfig withFaults(Faults f) {
    return new SimulatorConfig(seed, tickMillis, miners, modbus, physics, f, groundTruthCapacity);
  }

  public SimulatorConfig withTickMillis(long t) {
    return new SimulatorConfig(seed, t, miners, modbus, physics, faults, groundTruthCapacity);
  }

  public SimulatorConfig withGroundTruthCapacity(int c) {
    return new SimulatorConfig(seed, tickMillis, miners, modbus, physics, faults, c);
  }

  // ---------------------------------------------------------------- JSON

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Keys whose value replaces the default as a whole instead of being merged into it. */
  private static final Set<String> REPLACED_KEYS = Set.of("flavourMix");

  /** Reads a config file; see {@link #fromJson(String)}. */
  public static SimulatorConfig load(Path file) {
    try {
      return fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read simulator config " + file + ": " + e, e);
    }
  }

  /**
   * Parses a JSON config. Keys left out take the values of {@link #defaults(int, long)} for the
   * given {@code miners.count} and {@code seed}; unknown keys are rejected.
   */
  public static SimulatorConfig fromJson(String json) {
    JsonNode user;
    try {
      user = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "simulator config is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (user == null || !user.isObject()) {
      throw new IllegalArgumentException("simulator config must be a JSON object");
    }
    int count = 3;
    JsonNode countNode = user.path("miners").path("count");
    if (!countNode.isMissingNode()) {
      if (!countNode.canConvertToInt()) {
        throw new IllegalArgumentException("miners.count must be an integer, got " + countNode);
      }
      count = countNode.asInt();
    }
    JsonNode seedNode = user.path("seed");
    if (!seedNode.isMissingNode() && !seedNode.canConvertToLong()) {
      throw new IllegalArgumentException("seed must be an integer, got " + seedNode);
    }
    long seed = seedNode.asLong(1);
    ObjectNode merged = MAPPER.valueToTree(defaults(count, seed));
    merge(merged, (ObjectNode) user);
    try {
      return MAPPER.treeToValue(merged, SimulatorConfig.class);
    } catch (JsonMappingException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String where = path(e);
      String what =
          root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
      throw new IllegalArgumentException(
          "invalid simulator config" + (where.isEmpty() ? "" : " at " + where) + ": " + what, e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid simulator config: " + e.getOriginalMessage(), e);
    }
  }

  /** Serialises this config to JSON (the format {@link #fromJson(String)} reads). */
  public String toJson() {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise simulator config", e);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static void merge(ObjectNode target, ObjectNode source) {
    Iterator<Map.Entry<String, JsonNode>> it = source.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = target.get(e.getKey());
      if (!REPLACED_KEYS.contains(e.getKey())
          && existing instanceof ObjectNode existingObject
          && e.getValue() instanceof ObjectNode sourceObject) {
        merge(existingObject, sourceObject);
      } else {
        target.set(e.getKey(), e.getValue());
      }
    }
  }

  // ---------------------------------------------------------------- validation

  private static void validate(
      long seed,
      long tickMillis,
      Miners miners,
      Modbus modbus,
      Physics physics,
      Faults faults,
      int groundTruthCapacity) {
    if (tickMillis < 10 || tickMillis > 3_600_000) {
      throw new IllegalArgumentException(
          "tickMillis must be between 10 and 3600000, got " + tickMillis);
    }
    if (groundTruthCapacity < 1 || groundTruthCapacity > 10_000_000) {
      throw new IllegalArgumentException(
          "groundTruthCapacity must be between 1 and 10000000, got " + groundTruthCapacity);
    }
    require(miners != null, "miners is missing");
    require(
        miners.count() >= 1 && miners.count() <= MAX_MINERS,
        "miners.count must be between 1 and " + MAX_MINERS + ", got " + miners.count());
    require(
        miners.addressing() != null, "miners.addressing is missing (LOOPBACK_RANGE or PORT_RANGE)");
    InetAddress base = loopback(miners.baseHost(), "miners.baseHost");
    require(
        miners.basePort() >= 0 && miners.basePort() <= 65535,
        "miners.basePort must be between 0 and 65535, got " + miners.basePort());
    if (miners.addressing() == Addressing.LOOPBACK_RANGE) {
      require(miners.basePort() > 0, "miners.basePort must be > 0 with LOOPBACK_RANGE addressing");
      long last = (toLong(base) & 0xFFFFFFFFL) + miners.count() - 1;
      require(
          (last >>> 24) == 127,
          "miners.baseHost "
              + miners.baseHost()
              + " leaves 127.0.0.0/8 for "
              + miners.count()
              + " miners");
    } else if (miners.basePort() > 0) {
      require(
          miners.basePort() + miners.count() - 1 <= 65535,
          "miners.basePort "
              + miners.basePort()
              + " + "
              + miners.count()
              + " miners exceeds port 65535");
    }
    require(
        miners.flavourMix() != null && !miners.flavourMix().isEmpty(),
        "miners.flavourMix must name at least one flavour (ANTMINER, BRAIINS, LUXOS)");
    int total = 0;
    for (Map.Entry<Flavour, Integer> e : miners.flavourMix().entrySet()) {
      require(
          e.getKey() != null && e.getValue() != null && e.getValue() >= 0 && e.getValue() <= 1000,
          "miners.flavourMix."
              + e.getKey()
              + " must be a weight between 0 and 1000, got "
              + e.getValue());
      total += e.getValue();
    }
    require(total > 0, "miners.flavourMix weights must not all be 0");

    require(modbus != null, "modbus is missing");
    loopback(modbus.host(), "modbus.host");
    port(modbus.generatorPort(), "modbus.generatorPort");
    port(modbus.gensetFuelMeterPort(), "modbus.gensetFuelMeterPort");
    port(modbus.flareMeterPort(), "modbus.flareMeterPort");
    require(
        modbus.unitId() >= 1 && modbus.unitId() <= 247,
        "modbus.unitId must be between 1 and 247, got " + modbus.unitId());

    require(physics != null, "physics is missing");
    positive(physics.ratedKw(), "physics.ratedKw");
    require(
        physics.powerFactor() > 0.5 && physics.powerFactor() <= 1,
        "physics.powerFactor must be in (0.5, 1], got " + physics.powerFactor());
    require(
        physics.auxiliaryFraction() >= 0 && physics.auxiliaryFraction() <= 0.5,
        "physics.auxiliaryFraction must be between 0 and 0.5, got " + physics.auxiliaryFraction());
    positive(physics.heatRateBtuPerKwh(), "physics.heatRateBtuPerKwh");
    positive(physics.gasHhvBtuPerScf(), "physics.gasHhvBtuPerScf");
    require(
        physics.supplyMeanMscfd() >= 0 && Double.isFinite(physics.supplyMeanMscfd()),
        "physics.supplyMeanMscfd must be >= 0, got " + physics.supplyMeanMscfd());
    require(
        physics.supplyStepMscfd() >= 0 && Double.isFinite(physics.supplyStepMscfd()),
        "physics.supplyStepMscfd must be >= 0, got " + physics.supplyStepMscfd());
    require(
        physics.supplyMeanReversion() >= 0 && physics.supplyMeanReversion() <= 1,
        "physics.supplyMeanReversion must be between 0 and 1, got "
            + physics.supplyMeanReversion());
    require(
        physics.minLoadFraction() >= 0 && physics.minLoadFraction() < 1,
        "physics.minLoadFraction must be in [0, 1), got " + physics.minLoadFraction());
    require(
        physics.restartDelaySeconds() >= 0,
        "physics.restartDelaySeconds must be >= 0, got " + physics.restartDelaySeconds());
    totalizer(physics.gensetFuelTotalizerStartScf(), "physics.gensetFuelTotalizerStartScf");
    totalizer(physics.flareTotalizerStartScf(), "physics.flareTotalizerStartScf");
    require(physics.supplyDrops() != null, "physics.supplyDrops is missing (use [])");
    for (int i = 0; i < physics.supplyDrops().size(); i++) {
      SupplyDrop d = physics.supplyDrops().get(i);
      String key = "physics.supplyDrops[" + i + "]";
      require(d != null, key + " is null");
      require(d.atSecond() >= 0, key + ".atSecond must be >= 0, got " + d.atSecond());
      require(
          d.durationSeconds() > 0,
          key + ".durationSeconds must be > 0, got " + d.durationSeconds());
      require(
          d.fraction() > 0 && d.fraction() <= 1,
          key + ".fraction must be in (0, 1], got " + d.fraction());
    }
    require(physics.totalizerResets() != null, "physics.totalizerResets is missing (use [])");
    for (int i = 0; i < physics.totalizerResets().size(); i++) {
      TotalizerReset r = physics.totalizerResets().get(i);
      String key = "physics.totalizerResets[" + i + "]";
      require(r != null, key + " is null");
      require(
          GENSET_FUEL_METER.equals(r.device()) || FLARE_METER.equals(r.device()),
          key + ".device must be genset-fuel or flare, got " + r.device());
      require(r.atSecond() >= 0, key + ".atSecond must be >= 0, got " + r.atSecond());
    }

    require(faults != null, "faults is missing");
    require(faults.miners() != null, "faults.miners is missing (use {})");
    for (Map.Entry<String, MinerFaultSettings> e : faults.miners().entrySet()) {
      int index = MinerIds.indexOf(e.getKey());
      require(
          index >= 0 && index < miners.count(),
          "faults.miners."
              + e.getKey()
              + " is not a miner of this site (miner-0001.."
              + MinerIds.of(miners.count() - 1)
              + ")");
      require(e.getValue() != null, "faults.miners." + e.getKey() + " is null");
    }
    require(faults.modbus() != null, "faults.modbus is missing (use {})");
    for (Map.Entry<String, ModbusFaultSettings> e : faults.modbus().entrySet()) {
      require(
          MODBUS_DEVICES.contains(e.getKey()),
          "faults.modbus." + e.getKey() + " is not a device (generator, genset-fuel, flare)");
      require(e.getValue() != null, "faults.modbus." + e.getKey() + " is null");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static void positive(double v, String key) {
    require(v > 0 && Double.isFinite(v), key + " must be > 0, got " + v);
  }

  private static void port(int p, String key) {
    require(p >= 0 && p <= 65535, key + " must be between 0 and 65535, got " + p);
  }

  /** Largest totalizer start, whole scf: the uint32 register counts 0.01 scf steps. */
  static final long MAX_TOTALIZER_START_SCF = 0xFFFFFFFFL / GasMeterReading.TOTALIZER_STEPS_PER_SCF;

  private static void totalizer(long v, String key) {
    require(
        v >= 0 && v <= MAX_TOTALIZER_START_SCF,
        key + " must be between 0 and " + MAX_TOTALIZER_START_SCF + ", got " + v);
  }

  private static InetAddress loopback(String host, String key) {
    require(host != null && !host.isBlank(), key + " is missing");
    InetAddress a;
    try {
      a = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(key + " is not an address: " + host, e);
    }
    require(
        a.getAddress().length == 4 && a.isLoopbackAddress(),
        key + " must be an IPv4 loopback address (127.0.0.0/8), got " + host);
    return a;
  }

  static long toLong(InetAddress a) {
    byte[] b = a.getAddress();
    return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
  }
}
