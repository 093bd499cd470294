package io.flarewatch.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * What one Modbus response carried: the values of every register-map entry the requested range
 * covered completely, as a reader decodes them from the served words (value = raw × scale + offset
 * in decimal; named bits; coils and discrete inputs 0 or 1), and the strings.
 *
 * @param deviceId generator, genset-fuel or flare
 * @param tick simulation tick the values belong to
 * @param instant clock instant the request was answered
 * @param functionCode 1, 2, 3 or 4
 * @param startAddress first address requested
 * @param count number of registers (or bits) requested
 * @param values decoded numbers by register-map (or bit field) name
 * @param texts decoded strings by register-map name
 */
public record ServedRegisters(
    String deviceId,
    long tick,
    Instant instant,
    int functionCode,
    int startAddress,
    int count,
    Map<String, Double> values,
    Map<String, String> texts) {

  public ServedRegisters {
    values = Map.copyOf(values);
    texts = Map.copyOf(texts);
  }
}
