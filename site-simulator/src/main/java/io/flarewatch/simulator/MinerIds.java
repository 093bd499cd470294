package io.flarewatch.simulator;

/** Miner ids: miner-0001, miner-0002, ... (index 0 is miner-0001). */
final class MinerIds {
  private MinerIds() {}

  static String of(int index) {
    return String.format("miner-%04d", index + 1);
  }

  /** The index of a miner id, or -1 when it is not of the form miner-NNNN. */
  static int indexOf(String id) {
    if (id == null || !id.matches("miner-\\d{4}")) {
      return -1;
    }
    return Integer.parseInt(id.substring(6)) - 1;
  }
}
