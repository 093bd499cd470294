package io.flarewatch.drivers.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups a map's registers into as few read requests as the device allows. Pure.
 *
 * <p>Registers of the same table are merged into one request while the request stays within {@code
 * maxRegistersPerRequest} and the unused gap between neighbours is at most {@code maxGap}
 * registers. The default gap of 0 merges only contiguous registers, which every device tolerates; a
 * larger gap reads unmapped addresses, which some devices answer with an exception.
 */
public final class ReadPlanner {

  private ReadPlanner() {}

  /** Plans with the map's cap and contiguous-only merging. */
  public static List<ReadRange> plan(RegisterMap map) {
    return plan(map.registers(), map.maxRegistersPerRequest(), 0);
  }

  /**
   * Plans the requests.
   *
   * @param registers registers to read (any order, no overlaps)
   * @param maxRegistersPerRequest cap per request, 2..125
   * @param maxGap largest run of unmapped registers a request may span, 0 or more
   * @return requests ordered by table (holding first) then address
   */
  public static List<ReadRange> plan(
      List<RegisterDefinition> registers, int maxRegistersPerRequest, int maxGap) {
    if (maxRegistersPerRequest < 2 || maxRegistersPerRequest > RegisterMap.PROTOCOL_MAX_REGISTERS) {
      throw new IllegalArgumentException(
          "maxRegistersPerRequest must be between 2 and 125, got " + maxRegistersPerRequest);
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
      boolean fits =
          !current.isEmpty()
              && register.function() == current.get(0).function()
              && register.address() - end - 1 <= maxGap
              && register.lastAddress() - start + 1 <= maxRegistersPerRequest;
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
