package io.flarewatch.drivers.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP connection to one Modbus device and how one request is sent over it: lazy connect, one
 * reconnect-and-repeat when a reused connection fails, one retry after a "device busy" answer.
 * Blocking; not thread-safe ({@link ModbusDeviceClient} serialises calls).
 */
final class ModbusConnection {

  private static final Logger LOG = LoggerFactory.getLogger(ModbusConnection.class);

  private final String device;
  private final ModbusDeviceConfig config;
  private ModbusTCPMaster master;

  ModbusConnection(String device, ModbusDeviceConfig config) {
    this.device = device;
    this.config = config;
  }

  /**
   * Reads one range: register words (0..65535) or bits (0 or 1), lowest address first.
   *
   * @throws ModbusDeviceException naming the range, with the stable failure code
   */
  int[] read(ReadRange range) {
    boolean reusingConnection = master != null && master.isConnected();
    try {
      return readWithBusyRetry(range);
    } catch (NoAnswer first) {
      if (!reusingConnection) {
        close();
        throw failure(range, first, "");
      }
      LOG.info(
          "{} ({}): {} failed ({}), reconnecting",
          device,
          config.endpoint(),
          describe(range),
          first.getMessage());
      close();
      try {
        return readWithBusyRetry(range);
      } catch (NoAnswer second) {
        close();
        throw failure(range, second, "connection failed after reconnecting: ");
      }
    }
  }

  void close() {
    if (master != null) {
      try {
        master.disconnect();
      } catch (RuntimeException e) {
        LOG.debug("{}: error while disconnecting: {}", device, e.getMessage());
      }
      master = null;
    }
  }

  private int[] readWithBusyRetry(ReadRange range) throws NoAnswer {
    try {
      return execute(range);
    } catch (ModbusSlaveException busyOrOther) {
      if (busyOrOther.getType() != ModbusDeviceException.DEVICE_BUSY) {
        throw exceptionReply(range, busyOrOther.getType(), false, busyOrOther);
      }
      LOG.debug("{}: {} busy, retrying once", device, describe(range));
      pause();
      try {
        return execute(range);
      } catch (ModbusSlaveException again) {
        throw exceptionReply(range, again.getType(), true, again);
      }
    }
  }

  private int[] execute(ReadRange range) throws ModbusSlaveException, NoAnswer {
    ModbusTCPMaster connected = connection();
    int unit = config.unitId();
    try {
      int[] values =
          switch (range.function()) {
            case HOLDING ->
                words(connected.readMultipleRegisters(unit, range.start(), range.count()));
            case INPUT -> words(connected.readInputRegisters(unit, range.start(), range.count()));
            case COIL -> bits(connected.readCoils(unit, range.start(), range.count()));
            case DISCRETE -> bits(connected.readInputDiscretes(unit, range.start(), range.count()));
          };
      if (values == null || values.length != range.count()) {
        throw new NoAnswer(
            ModbusDeviceException.BAD_REPLY,
            "device returned "
                + (values == null ? "no" : values.length)
                + " "
                + range.function().unitName()
                + ", expected "
                + range.count(),
            null);
      }
      return values;
    } catch (ModbusSlaveException e) {
      throw e;
    } catch (ModbusException | RuntimeException e) {
      throw new NoAnswer(classify(e), describeCause(e), e);
    }
  }

  private static int[] words(InputRegister[] registers) {
    if (registers == null) {
      return null;
    }
    int[] words = new int[registers.length];
    for (int i = 0; i < registers.length; i++) {
      words[i] = registers[i].toUnsignedShort();
    }
    return words;
  }

  private static int[] bits(BitVector vector) {
    if (vector == null) {
      return null;
    }
    int[] bits = new int[vector.size()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = vector.getBit(i) ? 1 : 0;
    }
    return bits;
  }

  private ModbusTCPMaster connection() throws NoAnswer {
    if (master != null && master.isConnected()) {
      return master;
    }
    close();
    ModbusTCPMaster fresh =
        new ModbusTCPMaster(config.host(), config.port(), (int) config.timeout().toMillis(), false);
    try {
      fresh.connect();
    } catch (Exception e) {
      fresh.disconnect();
      throw new NoAnswer(classify(e), "cannot connect: " + describeCause(e), e);
    }
    // one attempt per j2mod transaction: retries and reconnects are done here, once, without
    // j2mod's randomised back-off (j2mod counts attempts, and treats 0 as its default of 5); the
    // setting applies to the transaction that connect() creates
    fresh.setRetries(1);
    master = fresh;
    return fresh;
  }

  private void pause() {
    try {
      Thread.sleep(config.busyRetryPause().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModbusDeviceException(
          device,
          "interrupted while waiting to retry",
          ModbusDeviceException.IO_ERROR,
          "interrupted",
          null,
          e);
    }
  }

  private ModbusDeviceException exceptionReply(
      ReadRange range, int code, boolean retried, ModbusSlaveException cause) {
    String name = ModbusDeviceException.exceptionName(code);
    return new ModbusDeviceException(
        device,
        prefix(range)
            + "device replied with exception code "
            + code
            + " ("
            + name
            + ")"
            + (retried ? " again after one retry" : ""),
        ModbusDeviceException.MODBUS_EXCEPTION,
        String.format("%02d %s (%s)%s", code, name, range, retried ? " after one retry" : ""),
        code,
        cause);
  }

  private ModbusDeviceException failure(ReadRange range, NoAnswer noAnswer, String context) {
    String what =
        ModbusDeviceException.TIMEOUT.equals(noAnswer.code)
            ? "no answer within " + config.timeout().toMillis() + " ms"
            : ModbusDeviceException.REFUSED.equals(noAnswer.code)
                ? "connection refused"
                : noAnswer.getMessage();
    return new ModbusDeviceException(
        device,
        prefix(range) + context + noAnswer.getMessage(),
        noAnswer.code,
        what + " (" + range + ")",
        null,
        noAnswer.getCause());
  }

  private String prefix(ReadRange range) {
    return device
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
        + " "
        + range.function().unitName()
        + " "
        + range.start()
        + ".."
        + range.end()
        + " (function "
        + range.function().functionCode()
        + ")";
  }

  /**
   * The stable code of a failure that got no Modbus answer, from the socket error under it. j2mod
   * does not always keep the socket exception as the cause (a read timeout arrives as a {@code
   * ModbusIOException} whose message says "Read timed out"), so the messages are looked at too.
   */
  static String classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof SocketTimeoutException || message.contains("timed out")) {
        return ModbusDeviceException.TIMEOUT;
      }
      if (t instanceof ConnectException || message.contains("connection refused")) {
        return ModbusDeviceException.REFUSED;
      }
      if (t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
        return ModbusDeviceException.UNREACHABLE;
      }
    }
    return ModbusDeviceException.IO_ERROR;
  }

  /** The message of the innermost cause, which says what the socket saw. */
  private static String describeCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == failure ? message : failure.getMessage() + ": " + message;
  }

  /** The request did not get a Modbus answer (I/O error, timeout, bad frame). */
  private static final class NoAnswer extends Exception {
    private final String code;

    NoAnswer(String code, String message, Throwable cause) {
      super(message, cause);
      this.code = code;
    }
  }
}
