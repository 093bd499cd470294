package io.flarewatch.simulator;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/**
 * Faults per device, set at start from {@link FaultsConfig} and changeable at runtime. Thread-safe.
 */
public final class FaultInjector {
  /** What to do with one Modbus request. */
  enum ModbusAction {
    ANSWER,
    EXCEPTION,
    RESET
  }

  private final SiteModel model;
  private final Map<String, MinerFaultSettings> miners = new ConcurrentHashMap<>();
  private final Map<String, ModbusFaultSettings> modbus = new ConcurrentHashMap<>();
  private final SplittableRandom rng;
  private final BiFunction<Integer, OfflineMode, Future<Void>> offlineListener;

  FaultInjector(
      SiteModel model,
      SimulatorConfig config,
      BiFunction<Integer, OfflineMode, Future<Void>> offlineListener) {
    this.model = model;
    this.rng = new SplittableRandom(config.seed() ^ 0x3C6EF372FE94F82BL);
    this.offlineListener = offlineListener;
    miners.putAll(config.faults().miners());
    modbus.putAll(config.faults().modbus());
  }

  /**
   * Sets the faults of a miner (replacing any before). The future completes once the miner's
   * listening socket matches (closed for {@link OfflineMode#REFUSED}, open otherwise).
   */
  public Future<Void> miner(String minerId, MinerFaultSettings settings) {
    int index = minerIndex(minerId);
    if (settings == null) {
      throw new IllegalArgumentException("fault settings of " + minerId + " must not be null");
    }
    miners.put(minerId, settings);
    return offlineListener.apply(index, settings.offline());
  }

  /** The faults of a miner ({@link MinerFaultSettings#none()} when it has none). */
  public MinerFaultSettings miner(String minerId) {
    minerIndex(minerId);
    return miners.getOrDefault(minerId, MinerFaultSettings.none());
  }

  /**
   * Whether this LuxOS {@code logon} is refused as "another session is active" (the miner's {@code
   * sessionBusy} count, counted down).
   */
  boolean takeSessionBusy(String minerId) {
    return takeOne(minerId, MinerFaultSettings::sessionBusy, MinerFaultSettings::withSessionBusy);
  }

  /**
   * Whether the reply to this LuxOS {@code logon} is lost (the miner's {@code lostLogonReplies}
   * count, counted down).
   */
  boolean takeLostLogonReply(String minerId) {
    return takeOne(
        minerId, MinerFaultSettings::lostLogonReplies, MinerFaultSettings::withLostLogonReplies);
  }

  /** Counts one down from a miner's fault {@code count}; false when it is 0. */
  private synchronized boolean takeOne(
      String minerId,
      ToIntFunction<MinerFaultSettings> count,
      BiFunction<MinerFaultSettings, Integer, MinerFaultSettings> withCount) {
    MinerFaultSettings s = miners.get(minerId);
    if (s == null || count.applyAsInt(s) == 0) {
      return false;
    }
    miners.put(minerId, withCount.apply(s, count.applyAsInt(s) - 1));
    return true;
  }

  /** Removes every fault of a miner. */
  public Future<Void> clearMiner(String minerId) {
    return miner(minerId, MinerFaultSettings.none());
  }

  /** Reboots a miner now: uptime restarts at 0, LuxOS sleep survives, Braiins pause does not. */
  public void rebootMiner(String minerId) {
    model.rebootMiner(minerIndex(minerId));
  }

  /** Sets the faults of a Modbus device (generator, genset-fuel, flare), replacing any before. */
  public void modbus(String deviceId, ModbusFaultSettings settings) {
    checkDevice(deviceId);
    if (settings == null) {
      throw new IllegalArgumentException("fault settings of " + deviceId + " must not be null");
    }
    modbus.put(deviceId, settings);
  }

  /** The faults of a Modbus device now (counters count down as requests arrive). */
  public ModbusFaultSettings modbus(String deviceId) {
    checkDevice(deviceId);
    return modbus.getOrDefault(deviceId, ModbusFaultSettings.none());
  }

  /**
   * The gas supply from the well drops by {@code fraction} (0..1] from the next tick for {@code
   * duration}.
   */
  public void gasSupplyDrop(double fraction, Duration duration) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "gas supply drop fraction must be in (0, 1], got " + fraction);
    }
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("gas supply drop duration must be > 0, got " + duration);
    }
    model.dropSupply(fraction, duration);
  }

  /** The totalizer of gas meter {@code deviceId} (genset-fuel or flare) goes to 0 next tick. */
  public void resetTotalizer(String deviceId) {
    if (!SimulatorConfig.GENSET_FUEL_METER.equals(deviceId)
        && !SimulatorConfig.FLARE_METER.equals(deviceId)) {
      throw new IllegalArgumentException(
          "totalizer reset needs a gas meter (genset-fuel or flare), got " + deviceId);
    }
    model.resetTotalizer(deviceId);
  }

  /** Decides the fate of one Modbus request and counts it down. */
  synchronized ModbusAction nextModbusAction(String deviceId) {
    ModbusFaultSettings s = modbus.get(deviceId);
    if (s == null) {
      return ModbusAction.ANSWER;
    }
    if (s.resetNextRequests() > 0) {
      modbus.put(
          deviceId,
          new ModbusFaultSettings(
              s.exceptionCode(),
              s.exceptionNextRequests(),
              s.exceptionFraction(),
              s.resetNextRequests() - 1));
      return ModbusAction.RESET;
    }
    if (s.exceptionNextRequests() > 0) {
      modbus.put(
          deviceId,
          new ModbusFaultSettings(
              s.exceptionCode(),
              s.exceptionNextRequests() - 1,
              s.exceptionFraction(),
              s.resetNextRequests()));
      return ModbusAction.EXCEPTION;
    }
    if (s.exceptionFraction() > 0 && rng.nextDouble() < s.exceptionFraction()) {
      return ModbusAction.EXCEPTION;
    }
    return ModbusAction.ANSWER;
  }

  private int minerIndex(String minerId) {
    int index = MinerIds.indexOf(minerId);
    if (index < 0 || index >= model.minerCount()) {
      throw new IllegalArgumentException("no miner with id " + minerId);
    }
    return index;
  }

  private static void checkDevice(String deviceId) {
    if (!SimulatorConfig.MODBUS_DEVICES.contains(deviceId)) {
      throw new IllegalArgumentException(
          "no Modbus device with id " + deviceId + " (generator, genset-fuel, flare)");
    }
  }
}
