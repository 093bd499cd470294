package io.flarewatch.drivers.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import java.io.Closeable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every register of a {@link RegisterMap} from one Modbus TCP device.
 *
 * <p><b>Blocking.</b> {@link #read()} does socket I/O and may sleep briefly; never call it on a
 * Vert.x event loop. Run it through {@code vertx.executeBlocking(client::read)} or a named {@code
 * WorkerExecutor}. Calls on one instance are serialised.
 *
 * <p>Behaviour:
 *
 * <ul>
 *   <li>one request per range planned by {@link ReadPlanner} (cap and gap from map and config);
 *   <li>connects lazily; when a request on an already open connection fails (reset, broken pipe,
 *       timeout) the connection is dropped, re-opened and the request repeated once, so a
 *       connection the device dropped hours ago heals on the next read; if that fails too, or a
 *       fresh connection fails, the read fails and the next read starts with a new connection;
 *   <li>a "device busy" reply (exception code 6) is retried once after {@link
 *       ModbusDeviceConfig#busyRetryPause()}; any other exception reply fails the read at once;
 *   <li>every failure is a {@link ModbusDeviceException} naming device, function, range and code.
 * </ul>
 */
public final class ModbusDeviceClient implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(ModbusDeviceClient.class);

  private final RegisterMap map;
  private final ModbusDeviceConfig config;
  private final Clock clock;
  private final List<ReadRange> plan;
  private ModbusTCPMaster master;

  public ModbusDeviceClient(RegisterMap map, ModbusDeviceConfig config) {
    this(map, config, Clock.systemUTC());
  }

  public ModbusDeviceClient(RegisterMap map, ModbusDeviceConfig config, Clock clock) {
    this.map = Objects.requireNonNull(map, "map");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.plan = ReadPlanner.plan(map.registers(), map.maxRegistersPerRequest(), config.maxGap());
  }

  /** The requests one {@link #read()} sends, in order. */
  public List<ReadRange> plan() {
    return plan;
  }

  /**
   * Reads all registers. Blocking.
   *
   * @throws ModbusDeviceException when the device cannot be reached or answers with an exception
   */
  public synchronized ModbusReading read() {
    var timestamp = clock.instant();
    Map<String, Double> values = new LinkedHashMap<>();
    List<String> invalid = new ArrayList<>();
    for (ReadRange range : plan) {
      int[] words = readRange(range);
      for (RegisterDefinition register : range.registers()) {
        int from = register.address() - range.start();
        int[] registerWords = new int[register.type().words()];
        System.arraycopy(words, from, registerWords, 0, registerWords.length);
        double value = RegisterDecoder.decode(register, registerWords);
        if (Double.isFinite(value)) {
          values.put(register.name(), value);
        } else {
          invalid.add(register.name());
        }
      }
    }
    return new ModbusReading(map.device(), timestamp, values, invalid);
  }

  /** Closes the connection; a later {@link #read()} opens a new one. */
  @Override
  public synchronized void close() {
    dropConnection();
  }

  private int[] readRange(ReadRange range) {
    boolean reusingConnection = master != null && master.isConnected();
    try {
      return readWithBusyRetry(range);
    } catch (ConnectionFailure first) {
      if (!reusingConnection) {
        dropConnection();
        throw new ModbusDeviceException(
            map.device(), prefix(range) + first.getMessage(), null, first.getCause());
      }
      LOG.info(
          "{} ({}): {} failed ({}), reconnecting",
          map.device(),
          config.endpoint(),
          describe(range),
          first.getMessage());
      dropConnection();
      try {
        return readWithBusyRetry(range);
      } catch (ConnectionFailure second) {
        dropConnection();
        throw new ModbusDeviceException(
            map.device(),
            prefix(range) + "connection failed after reconnecting: " + second.getMessage(),
            null,
            second.getCause());
      }
    }
  }

  private int[] readWithBusyRetry(ReadRange range) throws ConnectionFailure {
    try {
      return execute(range);
    } catch (ModbusSlaveException busyOrOther) {
      if (busyOrOther.getType() != ModbusDeviceException.DEVICE_BUSY) {
        throw slaveFailure(range, busyOrOther, false);
      }
      LOG.debug("{}: {} busy, retrying once", map.device(), describe(range));
      pause();
      try {
        return execute(range);
      } catch (ModbusSlaveException again) {
        throw slaveFailure(range, again, true);
      }
    }
  }

  private int[] execute(ReadRange range) throws ModbusSlaveException, ConnectionFailure {
    ModbusTCPMaster connected = connection();
    try {
      InputRegister[] registers =
          range.function() == RegisterFunction.HOLDING
              ? connected.readMultipleRegisters(config.unitId(), range.start(), range.count())
              : connected.readInputRegisters(config.unitId(), range.start(), range.count());
      if (registers == null || registers.length != range.count()) {
        throw new ConnectionFailure(
            "device returned "
                + (registers == null ? "no" : registers.length)
                + " registers, expected "
                + range.count(),
            null);
      }
      int[] words = new int[registers.length];
      for (int i = 0; i < registers.length; i++) {
        words[i] = registers[i].toUnsignedShort();
      }
      return words;
    } catch (ModbusSlaveException e) {
      throw e;
    } catch (ModbusException | RuntimeException e) {
      throw new ConnectionFailure(String.valueOf(e.getMessage()), e);
    }
  }

  private ModbusTCPMaster connection() throws ConnectionFailure {
    if (master != null && master.isConnected()) {
      return master;
    }
    dropConnection();
    ModbusTCPMaster fresh =
        new ModbusTCPMaster(config.host(), config.port(), (int) config.timeout().toMillis(), false);
    try {
      fresh.connect();
    } catch (Exception e) {
      fresh.disconnect();
      throw new ConnectionFailure("cannot connect: " + e.getMessage(), e);
    }
    // one attempt per j2mod transaction: retries and reconnects are done here, once, without
    // j2mod's randomised back-off (j2mod counts attempts, and treats 0 as its default of 5); the
    // setting applies to the transaction that connect() creates
    fresh.setRetries(1);
    master = fresh;
    return fresh;
  }

  private void dropConnection() {
    if (master != null) {
      try {
        master.disconnect();
      } catch (RuntimeException e) {
        LOG.debug("{}: error while disconnecting: {}", map.device(), e.getMessage());
      }
      master = null;
    }
  }

  private void pause() {
    try {
      Thread.sleep(config.busyRetryPause().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModbusDeviceException(map.device(), "interrupted while waiting to retry", null, e);
    }
  }

  private ModbusDeviceException slaveFailure(
      ReadRange range, ModbusSlaveException e, boolean retried) {
    int code = e.getType();
    return new ModbusDeviceException(
        map.device(),
        prefix(range)
            + "device replied with exception code "
            + code
            + " ("
            + exceptionName(code)
            + ")"
            + (retried ? " again after one retry" : ""),
        code,
        e);
  }

  private String prefix(ReadRange range) {
    return map.device()
        + " at "
        + config.endpoint()
        + " (unit "
        + config.unitId()
        + "): "
        + describe(range)
        + ": ";
  }

  private static String describe(ReadRange range) {
    return "read "
        + range.function().key()
        + " registers "
        + range.start()
        + ".."
        + range.end()
        + " (function "
        + range.function().functionCode()
        + ")";
  }

  /** Human name of a Modbus exception code. */
  static String exceptionName(int code) {
    return switch (code) {
      case 1 -> "illegal function";
      case 2 -> "illegal data address";
      case 3 -> "illegal data value";
      case 4 -> "device failure";
      case 5 -> "acknowledge";
      case 6 -> "device busy";
      case 8 -> "memory parity error";
      case 10 -> "gateway path unavailable";
      case 11 -> "gateway target failed to respond";
      default -> "unknown exception";
    };
  }

  /** Internal: the request did not get a Modbus answer (I/O error, timeout, bad frame). */
  private static final class ConnectionFailure extends Exception {
    ConnectionFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
