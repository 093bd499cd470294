package io.flarewatch.simulator;

/**
 * Where a simulated Modbus device answers.
 *
 * @param id device id: generator, genset-fuel or flare
 * @param host loopback address
 * @param port TCP port (the bound one, also when configured as 0)
 * @param unitId Modbus unit id the device answers
 * @param registerMap classpath resource of its register map in device-drivers
 */
public record ModbusEndpoint(String id, String host, int port, int unitId, String registerMap) {}
