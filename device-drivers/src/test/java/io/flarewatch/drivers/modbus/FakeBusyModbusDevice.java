package io.flarewatch.drivers.modbus;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Modbus TCP device on loopback that answers the first {@code busyReplies} read requests
 * with exception code 6 (device busy) and later ones with registers whose value is their address.
 * Exists because a j2mod slave cannot be made to answer "busy".
 */
final class FakeBusyModbusDevice implements AutoCloseable {

  private final ServerSocket server;
  private final int busyReplies;
  private final AtomicInteger requests = new AtomicInteger();
  private final Thread acceptor;

  FakeBusyModbusDevice(int busyReplies) throws IOException {
    this.busyReplies = busyReplies;
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fake-busy-modbus");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  int requests() {
    return requests.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        serve(socket);
      } catch (IOException closedOrDropped) {
        // the test closed the server or the client went away; accept the next one
      }
    }
  }

  private void serve(Socket socket) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    while (true) {
      int transaction = in.readUnsignedShort();
      int protocol = in.readUnsignedShort();
      int length = in.readUnsignedShort();
      int unit = in.readUnsignedByte();
      int function = in.readUnsignedByte();
      int start = in.readUnsignedShort();
      int count = in.readUnsignedShort();
      if (length != 6 || protocol != 0) {
        throw new IOException("unexpected frame");
      }
      out.writeShort(transaction);
      out.writeShort(0);
      if (requests.incrementAndGet() <= busyReplies) {
        out.writeShort(3);
        out.writeByte(unit);
        out.writeByte(function | 0x80);
        out.writeByte(ModbusDeviceException.DEVICE_BUSY);
      } else {
        out.writeShort(3 + 2 * count);
        out.writeByte(unit);
        out.writeByte(function);
        out.writeByte(2 * count);
        for (int i = 0; i < count; i++) {
          out.writeShort(start + i);
        }
      }
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
