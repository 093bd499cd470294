package io.flarewatch.simulator;

import java.util.List;

/**
 * A miner's values during one tick, as the simulator holds them (power always known, even for
 * flavours that do not serve it).
 */
public record MinerReading(
    String id,
    Flavour flavour,
    String model,
    MinerState state,
    double hashrateThs,
    int powerWatts,
    int maxChipTempC,
    List<Integer> fanRpm,
    long uptimeSeconds) {}
