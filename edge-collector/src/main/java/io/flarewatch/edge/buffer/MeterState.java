package io.flarewatch.edge.buffer;

/**
 * A gas meter's last totalizer reading, stored in the same transaction as the samples of the cycle
 * that read it, so after a restart (even kill -9) the next reading's volume is computed from
 * exactly the reading the stored samples ended with: no gas is lost or counted twice.
 */
public record MeterState(double reading, long atMillis) {}
