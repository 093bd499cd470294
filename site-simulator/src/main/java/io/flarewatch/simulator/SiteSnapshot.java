package io.flarewatch.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The whole site during one tick.
 *
 * @param tick tick number (0 = start)
 * @param tickStart instant the tick began
 * @param gasSupplyMscfd gas arriving from the well (after any supply drop)
 * @param generator generator values
 * @param gensetFuel genset fuel-line meter values
 * @param flare flare-line meter values
 * @param miners every miner
 */
public record SiteSnapshot(
    long tick,
    Instant tickStart,
    double gasSupplyMscfd,
    GeneratorReading generator,
    GasMeterReading gensetFuel,
    GasMeterReading flare,
    List<MinerReading> miners) {

  public Optional<MinerReading> miner(String id) {
    return miners.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** Sum of the miners' power, W. */
  public long minersWatts() {
    return miners.stream().mapToLong(MinerReading::powerWatts).sum();
  }
}
