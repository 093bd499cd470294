package io.flarewatch.simulator;

import io.flarewatch.drivers.modbus.RegisterDefinition;
import io.flarewatch.drivers.modbus.RegisterFunction;
import io.flarewatch.drivers.modbus.RegisterMap;
import io.flarewatch.drivers.modbus.RegisterMapLoader;
import io.flarewatch.drivers.modbus.RegisterType;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shipped register map as one simulated device serves it: which addresses of which tables exist,
 * and the words of a requested range filled from the device's values by register-map name. Entries
 * the physics does not model serve raw zero; strings serve the device's identity text.
 */
final class ServedMap {

  /**
   * What one read request returns.
   *
   * @param data register words, or bits (0/1) for coils and discrete inputs
   * @param numbers decoded values of the entries the range covers completely
   * @param texts decoded strings of the entries the range covers completely
   */
  record Answer(int[] data, Map<String, Double> numbers, Map<String, String> texts) {}

  private final String resource;
  private final RegisterMap map;
  private final Map<RegisterFunction, TreeMap<Integer, RegisterDefinition>> byStart =
      new EnumMap<>(RegisterFunction.class);

  ServedMap(String resource) {
    this.resource = resource;
    this.map = RegisterMapLoader.fromResource(resource);
    for (RegisterDefinition register : map.registers()) {
      byStart
          .computeIfAbsent(register.function(), f -> new TreeMap<>())
          .put(register.address(), register);
    }
  }

  /** The classpath resource of the map. */
  String resource() {
    return resource;
  }

  /** True when the map has entries in this table. */
  boolean serves(RegisterFunction table) {
    return byStart.containsKey(table);
  }

  /** Most addresses one read of the table may carry on this device. */
  int maxPerRequest(RegisterFunction table) {
    return map.maxPerRequest(table);
  }

  /** True when every address of the range belongs to an entry of the map. */
  boolean covers(RegisterFunction table, int start, int count) {
    TreeMap<Integer, RegisterDefinition> entries = byStart.get(table);
    for (int address = start; address < start + count; address++) {
      Map.Entry<Integer, RegisterDefinition> entry = entries.floorEntry(address);
      if (entry == null || entry.getValue().lastAddress() < address) {
        return false;
      }
    }
    return true;
  }

  /** The words of a covered range, from the device's values and its identity text. */
  Answer answer(
      RegisterFunction table, int start, int count, Map<String, Double> values, String identity) {
    int[] data = new int[count];
    Map<String, Double> numbers = new LinkedHashMap<>();
    Map<String, String> texts = new LinkedHashMap<>();
    TreeMap<Integer, RegisterDefinition> entries = byStart.get(table);
    Integer from = entries.floorKey(start);
    for (RegisterDefinition register :
        entries.subMap(from == null ? start : from, true, start + count - 1, true).values()) {
      RegisterEncoder.Encoded encoded =
          register.type() == RegisterType.STRING
              ? RegisterEncoder.text(register, identity)
              : RegisterEncoder.number(register, values.get(register.name()));
      boolean complete = true;
      for (int w = 0; w < encoded.words().length; w++) {
        int offset = register.address() + w - start;
        if (offset >= 0 && offset < count) {
          data[offset] = encoded.words()[w];
        } else {
          complete = false;
        }
      }
      if (complete) {
        numbers.putAll(encoded.numbers());
        if (encoded.text() != null) {
          texts.put(register.name(), encoded.text());
        }
      }
    }
    return new Answer(data, numbers, texts);
  }
}
