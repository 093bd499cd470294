package io.flarewatch.simulator;

/** Where a simulated miner answers its CGMiner-style API. */
public record MinerEndpoint(String id, String host, int port, Flavour flavour) {}
