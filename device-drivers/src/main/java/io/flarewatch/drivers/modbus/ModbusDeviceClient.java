package io.flarewatch.drivers.modbus;

import java.io.Closeable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every value of a {@link RegisterMap} from one Modbus TCP device.
 *
 * <p><b>Blocking.</b> {@link #read()} does socket I/O and may sleep briefly; never call it on a
 * Vert.x event loop. Run it through {@code vertx.executeBlocking(client::read)} or a named {@code
 * WorkerExecutor}. Calls on one instance are serialised.
 *
 * <p>Behaviour:
 *
 * <ul>
 *   <li>one request per range planned by {@link ReadPlanner} (the map's caps and {@code maxGap});
 *   <li>connects lazily; when a request on an already open connection fails (reset, broken pipe,
 *       timeout) the connection is dropped, re-opened and the request repeated once, so a
 *       connection the device dropped hours ago heals on the next read;
 *   <li>a "device busy" reply (exception code 6) is retried once after {@link
 *       ModbusDeviceConfig#busyRetryPause()};
 *   <li><b>partial readings:</b> a request the device answers with an exception fails that request
 *       only: the others are still read and the reading carries the failure in {@link
 *       ModbusReading#failed()}. A request that gets no answer (timeout, refused, dropped) means
 *       the device is gone: the remaining requests are not sent and count as failed with it;
 *   <li>when no request succeeds the read fails with the first {@link ModbusDeviceException}.
 * </ul>
 */
public final class ModbusDeviceClient implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(ModbusDeviceClient.class);

  private final RegisterMap map;
  private final Clock clock;
  private final List<ReadRange> plan;
  private final ModbusConnection connection;

  public ModbusDeviceClient(RegisterMap map, ModbusDeviceConfig config) {
    this(map, config, Clock.systemUTC());
  }

  public ModbusDeviceClient(RegisterMap map, ModbusDeviceConfig config, Clock clock) {
    this.map = Objects.requireNonNull(map, "map");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.plan = ReadPlanner.plan(map);
    this.connection = new ModbusConnection(map.device(), Objects.requireNonNull(config, "config"));
  }

  /** The requests one {@link #read()} sends, in order. */
  public List<ReadRange> plan() {
    return plan;
  }

  /**
   * Reads all values. Blocking.
   *
   * @return the reading; partial when some requests failed
   * @throws ModbusDeviceException when no request succeeded
   */
  public synchronized ModbusReading read() {
    var timestamp = clock.instant();
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, String> texts = new HashMap<>();
    List<String> invalid = new ArrayList<>();
    List<FailedRange> failed = new ArrayList<>();
    ModbusDeviceException gone = null;
    for (ReadRange range : plan) {
      if (gone != null) {
        failed.add(new FailedRange(range, gone));
        continue;
      }
      int[] words;
      try {
        words = connection.read(range);
      } catch (ModbusDeviceException e) {
        failed.add(new FailedRange(range, e));
        if (!e.deviceAnswered()) {
          gone = e;
        }
        continue;
      }
      for (RegisterDefinition register : range.registers()) {
        int from = register.address() - range.start();
        int[] own = new int[register.size()];
        System.arraycopy(words, from, own, 0, own.length);
        decodeInto(register, own, values, texts, invalid);
      }
    }
    if (failed.size() == plan.size()) {
      throw failed.get(0).failure();
    }
    if (!failed.isEmpty()) {
      LOG.debug(
          "{}: partial reading, {} of {} requests failed",
          map.device(),
          failed.size(),
          plan.size());
    }
    return new ModbusReading(map.device(), timestamp, values, texts, invalid, failed);
  }

  /** Closes the connection; a later {@link #read()} opens a new one. */
  @Override
  public synchronized void close() {
    connection.close();
  }

  private static void decodeInto(
      RegisterDefinition register,
      int[] words,
      Map<String, Double> values,
      Map<String, String> texts,
      List<String> invalid) {
    if (register.type() == RegisterType.STRING) {
      texts.put(register.name(), RegisterDecoder.text(register, words));
      return;
    }
    double value = RegisterDecoder.decode(register, words);
    if (!Double.isFinite(value) || RegisterDecoder.isSentinel(register, words)) {
      invalid.add(register.name());
      return;
    }
    values.put(register.name(), value);
    if (!register.bits().isEmpty()) {
      long word = RegisterDecoder.word(register, words);
      register.bits().forEach(bit -> values.put(bit.name(), (double) bit.valueIn(word)));
    }
  }
}
