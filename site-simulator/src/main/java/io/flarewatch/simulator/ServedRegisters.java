package io.flarewatch.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * What one Modbus response carried: the values of every register-map entry the requested range
 * covered completely, decoded from the served registers per the map (value = raw * scale + offset).
 *
 * @param deviceId generator, genset-fuel or flare
 * @param tick simulation tick the values belong to
 * @param instant clock instant the request was answered
 * @param functionCode 3 or 4
 * @param startAddress first register requested
 * @param count number of registers requested
 * @param values decoded values by register-map name
 */
public record ServedRegisters(
    String deviceId,
    long tick,
    Instant instant,
    int functionCode,
    int startAddress,
    int count,
    Map<String, Double> values) {}
