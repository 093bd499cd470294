package io.flarewatch.central.commands;

/**
 * A miner of a site as its latest samples show it, for resolving and planning a command.
 *
 * @param id the miner's id ({@code miner} tag)
 * @param firmware its {@code firmware} tag, lower case; null when the edge did not know it
 * @param watts the highest {@code power_w} it reported in the look-back; null when none
 */
record SiteMiner(String id, String firmware, Double watts) {}
