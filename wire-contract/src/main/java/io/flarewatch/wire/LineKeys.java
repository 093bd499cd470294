package io.flarewatch.wire;

/**
 * The tag or field keys of a line layout: where in the body each position's key was found, and what
 * the contract made of it ({@code count} positions known).
 */
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

  /** Keeps the key found in position {@code k}; the positions after it are no longer known. */
  void remember(int k, int start, int end, int code) {
    starts[k] = start;
    ends[k] = end;
    codes[k] = code;
    count = k + 1;
  }
}
