package io.flarewatch.drivers.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServerOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against an in-process fake miner on loopback. */
class MinerApiClientTest {

  /** How long a test waits for a future at most: a safety bound, not a timing assertion. */
  private static final long BOUND_SECONDS = 20;

  private static final String SUMMARY =
      "{\"STATUS\":[{\"STATUS\":\"S\",\"When\":1700000000,\"Code\":11,\"Msg\":\"Summary\"}],"
          + "\"SUMMARY\":[{\"Elapsed\":60,\"GHS 5s\":\"110234.5\"}],\"id\":1}";

  private Vertx vertx;
  private MinerApiClient client;
  private FakeMinerServer server;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    client = new MinerApiClient(vertx, new MinerApiClientOptions(Duration.ofMillis(500), 4096));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
    }
    client.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
    vertx.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Sends a command and waits for the reply, {@link #BOUND_SECONDS} at most. */
  private JsonNode send(MinerAddress address, String command, String parameter)
      throws TimeoutException {
    return client.command(address, command, parameter).await(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void readsReplyUntilPeerCloses() throws Exception {
    server = FakeMinerServer.start(vertx, FakeMinerServer.replyAndClose(bytes(SUMMARY + "\u0000")));

    JsonNode reply = send(server.address(), "summary", null);

    assertEquals("110234.5", reply.at("/SUMMARY/0/GHS 5s").asText());
  }

  @Test
  void sendsCommandAndParameterAsJson() throws Exception {
    server = FakeMinerServer.start(vertx, FakeMinerServer.replyAndClose(bytes(SUMMARY)));

    send(server.address(), "summary+pools", "0,sleep");
    send(server.address(), "version", null);

    assertEquals("summary+pools", server.requests().get(0).get("command").asText());
    assertEquals("0,sleep", server.requests().get(0).get("parameter").asText());
    assertFalse(server.requests().get(1).has("parameter"));
  }

  @Test
  void completesOnACompleteReplyEvenIfPeerKeepsConnectionOpen() throws Exception {
    server =
        FakeMinerServer.start(
            vertx, (request, socket) -> socket.write(Buffer.buffer(bytes(SUMMARY))));

    JsonNode reply = send(server.address(), "summary", null);

    assertEquals(60, reply.at("/SUMMARY/0/Elapsed").asInt());
  }

  @Test
  void assemblesReplyArrivingInChunks() throws Exception {
    byte[] reply = bytes(SUMMARY);
    int third = reply.length / 3;
    server =
        FakeMinerServer.start(
            vertx,
            (request, socket) ->
                socket
                    .write(Buffer.buffer(reply).getBuffer(0, third))
                    .compose(v -> vertx.timer(20))
                    .compose(v -> socket.write(Buffer.buffer(reply).getBuffer(third, 2 * third)))
                    .compose(v -> vertx.timer(20))
                    .compose(
                        v -> socket.write(Buffer.buffer(reply).getBuffer(2 * third, reply.length)))
                    .onComplete(v -> socket.close()));

    JsonNode decoded = send(server.address(), "summary", null);

    assertEquals("Summary", decoded.at("/STATUS/0/Msg").asText());
  }

  @Test
  void silentMinerTimesOut() throws Exception {
    server = FakeMinerServer.start(vertx, (request, socket) -> {});

    MinerTimeoutException failure =
        assertThrows(MinerTimeoutException.class, () -> send(server.address(), "summary", null));

    assertTrue(
        failure.getMessage().contains("no complete reply within 500 ms"), failure.getMessage());
    assertEquals("timeout", failure.code());
    assertEquals("no complete reply within 500 ms (0 bytes received)", failure.detail());
    assertTrue(failure.getMessage().contains(server.address().toString()), failure.getMessage());
  }

  @Test
  void incompleteReplyWithoutCloseTimesOut() throws Exception {
    server =
        FakeMinerServer.start(
            vertx, (request, socket) -> socket.write(Buffer.buffer("{\"STATUS\":[{")));

    MinerTimeoutException failure =
        assertThrows(MinerTimeoutException.class, () -> send(server.address(), "summary", null));

    assertTrue(failure.getMessage().contains("12 bytes received"), failure.getMessage());
  }

  @Test
  void refusedConnectionIsUnreachable() throws Exception {
    int freePort;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      freePort = probe.getLocalPort();
    }

    MinerUnreachableException failure =
        assertThrows(
            MinerUnreachableException.class,
            () -> send(new MinerAddress("127.0.0.1", freePort), "summary", null));

    assertTrue(failure.getMessage().contains("cannot connect"), failure.getMessage());
    assertEquals("refused", failure.code());
    assertTrue(failure.detail().contains("Connection refused"), failure.detail());
  }

  @Test
  void resetInTheMiddleOfAReplyIsAnIncompleteReply() throws Exception {
    server =
        FakeMinerServer.start(
            vertx,
            new NetServerOptions().setSoLinger(0),
            (request, socket) ->
                socket
                    .write(Buffer.buffer("{\"STATUS\":[{\"STATUS\":\"S\"}],\"SUMMARY\":[{\"Ela"))
                    .compose(v -> vertx.timer(100))
                    .onComplete(v -> socket.close()));

    MinerConnectionException failure =
        assertThrows(MinerConnectionException.class, () -> send(server.address(), "summary", null));

    assertTrue(
        failure.getMessage().contains("connection failed after 43 bytes, reply incomplete"),
        failure.getMessage());
    assertEquals("io_error", failure.code());
    assertTrue(failure.getMessage().contains("\"SUMMARY\":[{\"Ela"), failure.getMessage());
  }

  @Test
  void oversizeReplyIsRejected() throws Exception {
    byte[] huge = bytes("{\"SUMMARY\":[{\"pad\":\"" + "x".repeat(10_000) + "\"}]}");
    server = FakeMinerServer.start(vertx, FakeMinerServer.replyAndClose(huge));

    MinerReplyException failure =
        assertThrows(MinerReplyException.class, () -> send(server.address(), "summary", null));

    assertTrue(failure.getMessage().contains("reply exceeds 4096 bytes"), failure.getMessage());
    assertEquals("bad_reply", failure.code());
    assertEquals("reply exceeds 4096 bytes", failure.detail());
  }

  @Test
  void closeWithoutReplyIsAConnectionError() throws Exception {
    server = FakeMinerServer.start(vertx, (request, socket) -> socket.close());

    MinerConnectionException failure =
        assertThrows(MinerConnectionException.class, () -> send(server.address(), "summary", null));

    assertTrue(failure.getMessage().contains("closed without a reply"), failure.getMessage());
    assertEquals("io_error", failure.code());
  }

  @Test
  void statusErrorFailsWithTheMinersMessage() throws Exception {
    server =
        FakeMinerServer.start(
            vertx,
            FakeMinerServer.replyAndClose(
                bytes(
                    "{\"STATUS\":[{\"STATUS\":\"E\",\"Code\":14,\"Msg\":\"Invalid command\"}],"
                        + "\"id\":1}\u0000")));

    MinerStatusException failure =
        assertThrows(MinerStatusException.class, () -> send(server.address(), "sumary", null));

    assertTrue(failure.getMessage().contains("'sumary'"), failure.getMessage());
    assertTrue(failure.getMessage().contains("Invalid command"), failure.getMessage());
    assertEquals("reply_error", failure.code());
    assertEquals("STATUS E Code 14: Invalid command", failure.detail());
  }

  @Test
  void garbageReplyIsAReplyError() throws Exception {
    server = FakeMinerServer.start(vertx, FakeMinerServer.replyAndClose(bytes("HTTP/1.1 400 Bad")));

    MinerReplyException failure =
        assertThrows(MinerReplyException.class, () -> send(server.address(), "summary", null));

    assertTrue(failure.getMessage().contains("HTTP/1.1 400 Bad"), failure.getMessage());
    assertEquals("bad_reply", failure.code());
  }

  @Test
  void blankCommandIsRejected() throws IOException, Exception {
    IllegalArgumentException failure =
        assertThrows(
            IllegalArgumentException.class, () -> send(MinerAddress.of("127.0.0.1"), " ", null));
  }
}
