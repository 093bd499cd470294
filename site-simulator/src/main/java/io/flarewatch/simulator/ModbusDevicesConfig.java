package io.flarewatch.simulator;

import static io.flarewatch.simulator.ConfigChecks.require;

import io.flarewatch.drivers.modbus.ShippedRegisterMaps;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the Modbus TCP devices listen and which register map each serves ({@code modbus} in the
 * config). Each device has its own TCP port; all answer unit id {@code unitId}.
 *
 * @param host loopback address of the three devices
 * @param generatorPort port of the generator controller (0 = ephemeral)
 * @param gensetFuelMeterPort port of the genset fuel-line gas meter (0 = ephemeral)
 * @param flareMeterPort port of the flare-line gas meter (0 = ephemeral)
 * @param unitId Modbus unit id the devices answer (1..247)
 * @param registerMaps shipped register map each device serves, by device id (generator,
 *     genset-fuel, flare), e.g. {@code register-maps/dse-gencomm.yaml}
 */
public record ModbusDevicesConfig(
    String host,
    int generatorPort,
    int gensetFuelMeterPort,
    int flareMeterPort,
    int unitId,
    Map<String, String> registerMaps) {

  /** Each device's map when the config names none: the simulator's own maps. */
  public static final Map<String, String> DEFAULT_MAPS =
      Map.of(
          SimulatorConfig.GENERATOR, ShippedRegisterMaps.SIMULATOR_GENERATOR,
          SimulatorConfig.GENSET_FUEL_METER, ShippedRegisterMaps.SIMULATOR_GAS_METER,
          SimulatorConfig.FLARE_METER, ShippedRegisterMaps.SIMULATOR_GAS_METER);

  public ModbusDevicesConfig {
    ConfigChecks.loopback(host, "modbus.host");
    ConfigChecks.port(generatorPort, "modbus.generatorPort");
    ConfigChecks.port(gensetFuelMeterPort, "modbus.gensetFuelMeterPort");
    ConfigChecks.port(flareMeterPort, "modbus.flareMeterPort");
    require(
        unitId >= 1 && unitId <= 247, "modbus.unitId", "must be between 1 and 247, got " + unitId);
    registerMaps = registerMaps == null ? DEFAULT_MAPS : Map.copyOf(registerMaps);
    for (Map.Entry<String, String> e : registerMaps.entrySet()) {
      require(
          SimulatorConfig.MODBUS_DEVICES.contains(e.getKey()),
          "modbus.registerMaps." + e.getKey(),
          "is not a device (generator, genset-fuel, flare)");
      require(
          ShippedRegisterMaps.isShipped(e.getValue()),
          "modbus.registerMaps." + e.getKey(),
          "'"
              + e.getValue()
              + "' is not a shipped register map (one of "
              + String.join(", ", ShippedRegisterMaps.all())
              + ")");
    }
    for (String device : SimulatorConfig.MODBUS_DEVICES) {
      require(
          registerMaps.containsKey(device),
          "modbus.registerMaps." + device,
          "is missing (each device needs a register map)");
    }
  }

  /** The default devices on {@code host}: ephemeral ports, unit 1, the simulator's maps. */
  public static ModbusDevicesConfig defaults(String host) {
    return new ModbusDevicesConfig(host, 0, 0, 0, 1, DEFAULT_MAPS);
  }

  /** A copy with other ports. */
  public ModbusDevicesConfig withPorts(int generator, int gensetFuelMeter, int flareMeter) {
    return new ModbusDevicesConfig(
        host, generator, gensetFuelMeter, flareMeter, unitId, registerMaps);
  }

  /** A copy where {@code deviceId} serves another shipped map. */
  public ModbusDevicesConfig withRegisterMap(String deviceId, String resource) {
    Map<String, String> maps = new HashMap<>(registerMaps);
    maps.put(deviceId, resource);
    return new ModbusDevicesConfig(
        host, generatorPort, gensetFuelMeterPort, flareMeterPort, unitId, maps);
  }

  /** The map device {@code deviceId} serves. */
  public String registerMap(String deviceId) {
    return registerMaps.get(deviceId);
  }
}
