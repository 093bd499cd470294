package io.flarewatch.simulator;

/**
 * Where a simulated Modbus device answers.
 *
 * @param id device id: generator, genset-fuel or flare
 * @param host loopback address
 * @param port TCP port (the bound one, also when configured as 0)
 * @param unitId Modbus unit id the device answers
 * @param registerMap classpath resource of the register map it serves (a shipped map of
 *     device-drivers, e.g. {@code register-maps/dse-gencomm.yaml})
 */
public record ModbusEndpoint(String id, String host, int port, int unitId, String registerMap) {}
