package io.flarewatch.drivers.modbus;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Modbus TCP device on loopback that serves fixed tables (holding, input, coil, discrete; unset
 * addresses read 0), answers requests touching a scripted range with an exception code, and can be
 * told to answer "busy" to its first requests, to close the connection after a number of requests
 * or to never answer. Exists because a j2mod slave can neither answer exceptions on purpose nor
 * drop a connection mid-read.
 */
final class ScriptedModbusDevice implements AutoCloseable {

  /** A range of one table answered with a Modbus exception. */
  record ScriptedException(RegisterFunction table, int from, int to, int code) {}

  private final Map<RegisterFunction, Map<Integer, Integer>> tables =
      new EnumMap<>(RegisterFunction.class);
  private final List<ScriptedException> exceptions = new ArrayList<>();
  private final ServerSocket server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int closeAfterRequests = Integer.MAX_VALUE;
  private volatile int busyRequests;
  private volatile boolean silent;

  ScriptedModbusDevice() throws IOException {
    for (RegisterFunction table : RegisterFunction.values()) {
      tables.put(table, new HashMap<>());
    }
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "scripted-modbus");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  int requests() {
    return requests.get();
  }

  /** Sets values (register words 0..65535, or bits 0/1) from {@code address} on. */
  ScriptedModbusDevice set(RegisterFunction table, int address, int... values) {
    for (int i = 0; i < values.length; i++) {
      tables.get(table).put(address + i, values[i]);
    }
    return this;
  }

  /** Requests touching {@code from..to} of the table are answered with exception {@code code}. */
  ScriptedModbusDevice exception(RegisterFunction table, int from, int to, int code) {
    exceptions.add(new ScriptedException(table, from, to, code));
    return this;
  }

  /** After {@code count} answered requests, every connection is closed without an answer. */
  ScriptedModbusDevice closeAfter(int count) {
    closeAfterRequests = count;
    return this;
  }

  /** The first {@code count} requests are answered with exception 6 (device busy). */
  ScriptedModbusDevice busyFor(int count) {
    busyRequests = count;
    return this;
  }

  /** Requests are read and never answered. */
  ScriptedModbusDevice silent() {
    silent = true;
    return this;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        serve(socket);
      } catch (IOException closedOrDropped) {
        // the test closed the server, or this device dropped the connection on purpose
      }
    }
  }

  private void serve(Socket socket) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    while (true) {
      int transaction = in.readUnsignedShort();
      in.readUnsignedShort();
      int length = in.readUnsignedShort();
      int unit = in.readUnsignedByte();
      int function = in.readUnsignedByte();
      int start = in.readUnsignedShort();
      int count = in.readUnsignedShort();
      if (length != 6) {
        throw new IOException("unexpected frame length " + length);
      }
      if (silent) {
        continue;
      }
      int request = requests.incrementAndGet();
      if (request > closeAfterRequests) {
        return;
      }
      RegisterFunction table = RegisterFunction.fromCode(function).orElse(null);
      Integer code =
          table == null
              ? Integer.valueOf(1)
              : request <= busyRequests
                  ? Integer.valueOf(ModbusDeviceException.DEVICE_BUSY)
                  : exceptionFor(table, start, count);
      out.writeShort(transaction);
      out.writeShort(0);
      if (code != null) {
        out.writeShort(3);
        out.writeByte(unit);
        out.writeByte(function | 0x80);
        out.writeByte(code);
      } else if (table.isBitTable()) {
        byte[] bytes = new byte[(count + 7) / 8];
        for (int i = 0; i < count; i++) {
          if (tables.get(table).getOrDefault(start + i, 0) != 0) {
            bytes[i / 8] |= (byte) (1 << (i % 8));
          }
        }
        out.writeShort(3 + bytes.length);
        out.writeByte(unit);
        out.writeByte(function);
        out.writeByte(bytes.length);
        out.write(bytes);
      } else {
        out.writeShort(3 + 2 * count);
        out.writeByte(unit);
        out.writeByte(function);
        out.writeByte(2 * count);
        for (int i = 0; i < count; i++) {
          out.writeShort(tables.get(table).getOrDefault(start + i, 0));
        }
      }
      out.flush();
    }
  }

  private Integer exceptionFor(RegisterFunction table, int start, int count) {
    for (ScriptedException e : exceptions) {
      if (e.table() == table && start <= e.to() && e.from() <= start + count - 1) {
        return e.code();
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
