package io.flarewatch.simulator;

/** How an offline miner appears to a client. */
public enum OfflineMode {
  /** The listening socket is closed: connecting fails with "connection refused". */
  REFUSED,
  /** The connection is accepted and the request read, but no reply is ever sent. */
  SILENT
}
