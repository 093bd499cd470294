package io.flarewatch.simulator;

import java.time.Instant;
import java.util.List;

/**
 * What one miner reply carried, normalised as a client should read it. The values describe the
 * miner at the tick of the reply, whatever command was asked (a {@code pools} reply carries no
 * hashrate, but the miner's hashrate then is recorded all the same).
 *
 * @param minerId miner id
 * @param command the command string as received (joined commands included, e.g. "summary+stats")
 * @param tick simulation tick the values belong to
 * @param instant clock instant the request was answered
 * @param flavour firmware flavour
 * @param hashrateThs hashrate in TH/s from the unit the flavour serves (GH/s or MH/s); for
 *     ANTMINER_CHAIN_RATES the sum of its chains' rates
 * @param powerWatts power in W, or null when the flavour serves none (stock Antminer)
 * @param maxChipTempC hottest chip, degC
 * @param fanRpm fan speeds
 * @param uptimeSeconds seconds since boot (`Elapsed`)
 * @param state mining or sleeping
 */
public record ServedMinerReading(
    String minerId,
    String command,
    long tick,
    Instant instant,
    Flavour flavour,
    double hashrateThs,
    Integer powerWatts,
    int maxChipTempC,
    List<Integer> fanRpm,
    long uptimeSeconds,
    MinerState state) {}
