package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An in-process CGMiner-style API server on loopback: reads one JSON request per connection and
 * lets the test decide how to answer.
 */
final class FakeMinerServer {

  /** How long a test waits for a future at most: a safety bound, not a timing assertion. */
  private static final long BOUND_SECONDS = 20;

  /** How the server answers one request. */
  @FunctionalInterface
  interface Behaviour {
    void answer(JsonNode request, NetSocket socket);
  }

  private final NetServer server;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  private FakeMinerServer(Vertx vertx, NetServerOptions options, Behaviour behaviour) {
    this.server = vertx.createNetServer(options.setHost("127.0.0.1").setPort(0));
    server.connectHandler(
        socket -> {
          Buffer received = Buffer.buffer();
          boolean[] answered = {false};
          socket.handler(
              chunk -> {
                received.appendBuffer(chunk);
                if (answered[0]) {
                  return;
                }
                JsonNode request;
                try {
                  request = MinerFixtures.MAPPER.readTree(received.toString());
                } catch (Exception incomplete) {
                  return;
                }
                answered[0] = true;
                requests.add(request);
                behaviour.answer(request, socket);
              });
        });
  }

  static FakeMinerServer start(Vertx vertx, Behaviour behaviour) throws Exception {
    return start(vertx, new NetServerOptions(), behaviour);
  }

  static FakeMinerServer start(Vertx vertx, NetServerOptions options, Behaviour behaviour)
      throws Exception {
    FakeMinerServer fake = new FakeMinerServer(vertx, options, behaviour);
    fake.server.listen().await(BOUND_SECONDS, TimeUnit.SECONDS);
    return fake;
  }

  MinerAddress address() {
    return new MinerAddress("127.0.0.1", server.actualPort());
  }

  List<JsonNode> requests() {
    return requests;
  }

  List<String> commands() {
    return requests.stream().map(r -> r.path("command").asText()).toList();
  }

  Future<Void> close() {
    return server.close();
  }

  /** Answers with the bytes and closes the connection, like cgminer. */
  static Behaviour replyAndClose(byte[] reply) {
    return (request, socket) -> socket.write(Buffer.buffer(reply)).onComplete(v -> socket.close());
  }
}
