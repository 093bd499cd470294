package io.flarewatch.simulator;

/** Malformations real miner firmware puts on the wire, injectable into any miner's replies. */
public enum MinerQuirk {
  /** A NUL byte after the JSON document. */
  TRAILING_NUL,
  /** Objects inside arrays not separated by commas: {@code }{}. */
  CONCATENATED_OBJECTS,
  /** A comma before the closing brace of the last object of each array: {@code ,}}. */
  TRAILING_COMMA,
  /** Bare {@code nan} / {@code inf} for ratio fields (utility, error percentages). */
  NON_FINITE,
  /** Every number in the data sections sent as a JSON string. */
  NUMBERS_AS_STRINGS
}
