package io.flarewatch.simulator;

import io.flarewatch.drivers.modbus.RegisterFunction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP server for one simulated device, serving a shipped register map ({@link ServedMap})
 * from the site model. Supports FC1 (coils), FC2 (discrete inputs), FC3 (holding registers) and FC4
 * (input registers), several requests per connection, and the faults of {@link FaultInjector}.
 *
 * <p>Exception responses: 01 for a function whose table the map does not use, 02 for a range
 * touching an address the map does not define, 03 for a count of 0, above the protocol's limit (125
 * registers, 2000 bits) or above the map's per-request cap, 0B for a unit id other than the
 * device's.
 */
final class ModbusDeviceServer {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusDeviceServer.class);
  static final int ILLEGAL_FUNCTION = 0x01;
  static final int ILLEGAL_DATA_ADDRESS = 0x02;
  static final int ILLEGAL_DATA_VALUE = 0x03;
  static final int GATEWAY_TARGET_FAILED = 0x0B;

  private final Vertx vertx;
  private final SiteModel model;
  private final FaultInjector faults;
  private final GroundTruth groundTruth;
  private final String deviceId;
  private final ServedMap map;
  private final int unitId;
  private final String host;
  private final int requestedPort;
  private NetServer server;

  ModbusDeviceServer(
      Vertx vertx,
      SiteModel model,
      FaultInjector faults,
      GroundTruth groundTruth,
      String deviceId,
      ServedMap map,
      int unitId,
      String host,
      int port) {
    this.vertx = vertx;
    this.model = model;
    this.faults = faults;
    this.groundTruth = groundTruth;
    this.deviceId = deviceId;
    this.map = map;
    this.unitId = unitId;
    this.host = host;
    this.requestedPort = port;
  }

  Future<Integer> listen() {
    server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(requestedPort));
    server.connectHandler(this::handle);
    return server
        .listen()
        .map(NetServer::actualPort)
        .recover(
            err ->
                Future.failedFuture(
                    new IllegalStateException(
                        "Modbus device "
                            + deviceId
                            + " cannot listen on "
                            + host
                            + ":"
                            + requestedPort
                            + ": "
                            + err.getMessage(),
                        err)));
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(NetSocket socket) {
    Buffer[] pending = {Buffer.buffer()};
    socket.exceptionHandler(e -> LOG.debug("{} connection error: {}", deviceId, e.toString()));
    socket.handler(
        chunk -> {
          pending[0].appendBuffer(chunk);
          while (pending[0].length() >= 7) {
            int length = pending[0].getUnsignedShort(4);
            if (length < 2 || length > 254 || pending[0].getUnsignedShort(2) != 0) {
              LOG.debug("{}: not a Modbus TCP frame, closing", deviceId);
              socket.close();
              return;
            }
            int total = 6 + length;
            if (pending[0].length() < total) {
              return;
            }
            Buffer frame = pending[0].getBuffer(0, total);
            pending[0] = pending[0].getBuffer(total, pending[0].length());
            if (!onFrame(socket, frame)) {
              return;
            }
          }
        });
  }

  /** Answers one frame; false when the connection was closed. */
  private boolean onFrame(NetSocket socket, Buffer frame) {
    int transaction = frame.getUnsignedShort(0);
    int unit = frame.getUnsignedByte(6);
    int function = frame.length() > 7 ? frame.getUnsignedByte(7) : 0;
    switch (faults.nextModbusAction(deviceId)) {
      case RESET -> {
        socket.close();
        return false;
      }
      case EXCEPTION -> {
        socket.write(
            exception(transaction, unit, function, faults.modbus(deviceId).exceptionCode()));
        return true;
      }
      case ANSWER -> {}
    }
    if (unit != unitId) {
      socket.write(exception(transaction, unit, function, GATEWAY_TARGET_FAILED));
      return true;
    }
    RegisterFunction table = RegisterFunction.fromCode(function).orElse(null);
    if (table == null || !map.serves(table)) {
      socket.write(exception(transaction, unit, function, ILLEGAL_FUNCTION));
      return true;
    }
    if (frame.length() != 12) {
      socket.write(exception(transaction, unit, function, ILLEGAL_DATA_VALUE));
      return true;
    }
    int start = frame.getUnsignedShort(8);
    int count = frame.getUnsignedShort(10);
    if (count < 1 || count > table.protocolMax() || count > map.maxPerRequest(table)) {
      socket.write(exception(transaction, unit, function, ILLEGAL_DATA_VALUE));
      return true;
    }
    if (!map.covers(table, start, count)) {
      socket.write(exception(transaction, unit, function, ILLEGAL_DATA_ADDRESS));
      return true;
    }
    SiteModel.DeviceValues values = model.deviceValues(deviceId);
    ServedMap.Answer answer = map.answer(table, start, count, values.values(), "SIM " + deviceId);
    byte[] data = table.isBitTable() ? packBits(answer.data()) : packWords(answer.data());
    Buffer response = Buffer.buffer(9 + data.length);
    response.appendUnsignedShort(transaction);
    response.appendUnsignedShort(0);
    response.appendUnsignedShort(3 + data.length);
    response.appendUnsignedByte((short) unit);
    response.appendUnsignedByte((short) function);
    response.appendUnsignedByte((short) data.length);
    response.appendBytes(data);
    groundTruth.record(
        new ServedRegisters(
            deviceId,
            values.tick(),
            values.instant(),
            function,
            start,
            count,
            answer.numbers(),
            answer.texts()));
    socket.write(response);
    return true;
  }

  private static byte[] packWords(int[] words) {
    byte[] bytes = new byte[2 * words.length];
    for (int i = 0; i < words.length; i++) {
      bytes[2 * i] = (byte) (words[i] >>> 8);
      bytes[2 * i + 1] = (byte) words[i];
    }
    return bytes;
  }

  /** Coils and discrete inputs: the first bit in the lowest bit of the first byte. */
  private static byte[] packBits(int[] bits) {
    byte[] bytes = new byte[(bits.length + 7) / 8];
    for (int i = 0; i < bits.length; i++) {
      if (bits[i] != 0) {
        bytes[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return bytes;
  }

  private static Buffer exception(int transaction, int unit, int function, int code) {
    Buffer b = Buffer.buffer(9);
    b.appendUnsignedShort(transaction);
    b.appendUnsignedShort(0);
    b.appendUnsignedShort(3);
    b.appendUnsignedByte((short) unit);
    b.appendUnsignedByte((short) ((function | 0x80) & 0xFF));
    b.appendUnsignedByte((short) code);
    return b;
  }
}
