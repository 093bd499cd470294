package io.flarewatch.drivers.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups a map's values into as few read requests as the device allows. Pure.
 *
 * <p>Values of the same table are merged into one request while the request stays within the cap
 * ({@code maxRegistersPerRequest} for registers, {@code maxBitsPerRequest} for coils and discrete
 * inputs) and the unused gap between neighbours is at most {@code maxGap} addresses. A gap of 0
 * merges only contiguous values, which every device tolerates; a larger gap reads unmapped
 * addresses, which some devices answer with an exception.
 */
public final class ReadPlanner {

  private ReadPlanner() {}

  /** Plans with the map's caps and gap. */
  public static List<ReadRange> plan(RegisterMap map) {
    return plan(
        map.registers(), map.maxRegistersPerRequest(), map.maxBitsPerRequest(), map.maxGap());
  }

  /** Plans register reads with the given cap and gap, bit reads with the protocol's cap. */
  public static List<ReadRange> plan(
      List<RegisterDefinition> registers, int maxRegistersPerRequest, int maxGap) {
    return plan(registers, maxRegistersPerRequest, RegisterFunction.PROTOCOL_MAX_BITS, maxGap);
  }

  /**
   * Plans the requests.
   *
   * @param registers values to read (any order, no overlaps within a table)
   * @param maxRegistersPerRequest cap per register request, 2..125
   * @param maxBitsPerRequest cap per coil or discrete input request, 1..2000
   * @param maxGap largest run of unmapped addresses a request may span, 0 or more
   * @return requests ordered by table (holding, input, coil, discrete) then address
   */
  public static List<ReadRange> plan(
      List<RegisterDefinition> registers,
      int maxRegistersPerRequest,
      int maxBitsPerRequest,
      int maxGap) {
    if (maxRegistersPerRequest < 2 || maxRegistersPerRequest > RegisterMap.PROTOCOL_MAX_REGISTERS) {
      throw new IllegalArgumentException(
          "maxRegistersPerRequest must be between 2 and 125, got " + maxRegistersPerRequest);
    }
    if (maxBitsPerRequest < 1 || maxBitsPerRequest > RegisterFunction.PROTOCOL_MAX_BITS) {
      throw new IllegalArgumentException(
          "maxBitsPerRequest must be between 1 and 2000, got " + maxBitsPerRequest);
    }
    if (maxGap < 0) {
      throw new IllegalArgumentException("maxGap must not be negative, got " + maxGap);
    }
    List<RegisterDefinition> sorted = new ArrayList<>(registers);
    sorted.sort(
        Comparator.comparing(RegisterDefinition::function)
            .thenComparingInt(RegisterDefinition::address));
    List<ReadRange> ranges = new ArrayList<>();
    List<RegisterDefinition> current = new ArrayList<>();
    int start = -1;
    int end = -1;
    for (RegisterDefinition register : sorted) {
      int cap = register.function().isBitTable() ? maxBitsPerRequest : maxRegistersPerRequest;
      boolean fits =
          !current.isEmpty()
              && register.function() == current.get(0).function()
              && register.address() - end - 1 <= maxGap
              && Math.max(end, register.lastAddress()) - start + 1 <= cap;
      if (!fits && !current.isEmpty()) {
        ranges.add(new ReadRange(current.get(0).function(), start, end - start + 1, current));
        current = new ArrayList<>();
      }
      if (current.isEmpty()) {
        start = register.address();
        end = register.lastAddress();
      } else {
        end = Math.max(end, register.lastAddress());
      }
      current.add(register);
    }
    if (!current.isEmpty()) {
      ranges.add(new ReadRange(current.get(0).function(), start, end - start + 1, current));
    }
    return List.copyOf(ranges);
  }
}
