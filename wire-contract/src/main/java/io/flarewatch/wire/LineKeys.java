package io.flarewatch.wire;

/** Where a line's tag or field keys were in a body and what the contract found them to be. */
final class LineKeys {
  final int[] starts;
  final int[] ends;
  final int[] codes;
  int count;

  LineKeys(int capacity) {
    starts = new int[capacity];
    ends = new int[capacity];
    codes = new int[capacity];
  }

  void remember(int k, int start, int end, int code) {
    starts[k] = start;
    ends[k] = end;
    codes[k] = code;
  }
}
