package io.flarewatch.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A fixed set of ASCII names, looked up by a range of bytes without allocating. The hash is taken
 * from the length and the first and last bytes only, so a lookup costs a few operations and one
 * comparison, whatever the name's length; in sets this small, collisions are rare and cost only a
 * further probe.
 */
final class ByteNames {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[][] names;
  private final int[] slots;
  private final int mask;

  ByteNames(List<String> names) {
    this.names = new byte[names.size()][];
    int size = Integer.highestOneBit(Math.max(1, names.size()) * 4) * 2;
    this.slots = new int[size];
    this.mask = size - 1;
    for (int n = 0; n < names.size(); n++) {
      String name = names.get(n);
      for (int c = 0; c < name.length(); c++) {
        if (name.charAt(c) >= 0x80) {
          throw new IllegalArgumentException("not an ASCII name: " + name);
        }
      }
      this.names[n] = name.getBytes(StandardCharsets.US_ASCII);
      int s = spread(hash(this.names[n], 0, this.names[n].length)) & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = n + 1;
    }
  }

  private static int hash(byte[] bytes, int start, int end) {
    return end == start ? 0 : ((end - start) * 31 + bytes[start]) * 31 + bytes[end - 1];
  }

  /** The position of the name {@code body[start, end)} in the list given, or -1. */
  int indexOf(byte[] body, int start, int end) {
    int length = end - start;
    for (int s = spread(hash(body, start, end)) & mask; ; s = (s + 1) & mask) {
      int slot = slots[s];
      if (slot == 0) {
        return -1;
      }
      byte[] name = names[slot - 1];
      if (name.length == length && same(body, start, name, 0, length)) {
        return slot - 1;
      }
    }
  }

  /**
   * Whether {@code a[aStart, aStart + length)} and {@code b[bStart, bStart + length)} hold the same
   * bytes, compared eight at a time (the last word may overlap the one before): for names of a few
   * to a few dozen bytes, faster than a loop or {@code Arrays.equals}.
   */
  static boolean same(byte[] a, int aStart, byte[] b, int bStart, int length) {
    if (length < Long.BYTES) {
      for (int k = 0; k < length; k++) {
        if (a[aStart + k] != b[bStart + k]) {
          return false;
        }
      }
      return true;
    }
    int last = length - Long.BYTES;
    for (int k = 0; k < last; k += Long.BYTES) {
      if ((long) LONGS.get(a, aStart + k) != (long) LONGS.get(b, bStart + k)) {
        return false;
      }
    }
    return (long) LONGS.get(a, aStart + last) == (long) LONGS.get(b, bStart + last);
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
