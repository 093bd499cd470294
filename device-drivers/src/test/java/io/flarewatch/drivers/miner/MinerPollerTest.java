package io.flarewatch.drivers.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Detection, joined reads and mapping over TCP, against a fake miner replaying recordings. */
class MinerPollerTest {

  /** How long a test waits for a future at most: a safety bound, not a timing assertion. */
  private static final long BOUND_SECONDS = 20;

  private Vertx vertx;
  private MinerApiClient client;
  private MinerPoller poller;
  private FakeMinerServer server;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    client = new MinerApiClient(vertx, new MinerApiClientOptions(Duration.ofSeconds(10), 1 << 20));
    poller = new MinerPoller(client);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
    }
    client.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
    vertx.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  /** Replays {@code <command>.raw} of a fixture; unknown commands get STATUS E like cgminer. */
  private static FakeMinerServer.Behaviour replay(String fixture) {
    return (request, socket) -> {
      String command = request.path("command").asText();
      byte[] reply = MinerFixtures.reply(fixture, command);
      if (reply == null) {
        reply =
            ("{\"STATUS\":[{\"STATUS\":\"E\",\"Code\":14,\"Msg\":\"Invalid command\"}],\"id\":1}")
                .getBytes(StandardCharsets.UTF_8);
      }
      byte[] answer = reply;
      socket.write(Buffer.buffer(answer)).onComplete(v -> socket.close());
    };
  }

  static Stream<String> cases() throws IOException {
    return MinerFixtures.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pollsRecordedMinerOverTcp(String fixture) throws Exception {
    server = FakeMinerServer.start(vertx, replay(fixture));

    MinerSample sample = null;
    Throwable failure = null;
    try {
      sample = poller.poll(server.address()).await(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (MinerApiException e) {
      failure = e;
    }

    MinerFixtures.assertOutcome(fixture, sample, failure);
    if (sample != null) {
      Stream<String> detect =
          MinerFixtures.reply(fixture, MinerPollCommands.DETECT_FALLBACK) == null
              ? Stream.of(MinerPollCommands.DETECT)
              : Stream.of(MinerPollCommands.DETECT, MinerPollCommands.DETECT_FALLBACK);
      List<String> expected =
          Stream.concat(detect, MinerPollCommands.requests(sample.firmware()).stream()).toList();
      assertEquals(expected, server.commands());
    }
  }

  @Test
  void detectsFirmwareOnceAndReusesIt() throws Exception {
    server = FakeMinerServer.start(vertx, replay("braiins-os"));

    poller.poll(server.address()).await(BOUND_SECONDS, TimeUnit.SECONDS);
    poller.poll(server.address()).await(BOUND_SECONDS, TimeUnit.SECONDS);

    assertEquals(
        List.of(
            "version",
            "summary+devs+pools+fans+temps+tunerstatus",
            "summary+devs+pools+fans+temps+tunerstatus"),
        server.commands());
    assertEquals(Optional.of(MinerFirmware.BRAIINS_OS), poller.knownFirmware(server.address()));
  }

  @Test
  void detectsAgainAfterAFailedPoll() throws Exception {
    AtomicBoolean broken = new AtomicBoolean(false);
    FakeMinerServer.Behaviour healthy = replay("luxos");
    server =
        FakeMinerServer.start(
            vertx,
            (request, socket) -> {
              if (broken.get()) {
                socket.write(Buffer.buffer("not json")).onComplete(v -> socket.close());
              } else {
                healthy.answer(request, socket);
              }
            });

    poller.poll(server.address()).await(BOUND_SECONDS, TimeUnit.SECONDS);
    broken.set(true);
    MinerReplyException failure =
        assertThrows(
            MinerReplyException.class,
            () -> poller.poll(server.address()).await(BOUND_SECONDS, TimeUnit.SECONDS));
    broken.set(false);
    MinerSample recovered = poller.poll(server.address()).await(BOUND_SECONDS, TimeUnit.SECONDS);

    assertEquals(Optional.of(MinerFirmware.LUXOS), poller.knownFirmware(server.address()));
    assertEquals(MinerFirmware.LUXOS, recovered.firmware());
    assertEquals(
        List.of(
            "version",
            "summary+stats+pools+power+fans",
            "summary+stats+pools+power+fans",
            "version",
            "summary+stats+pools+power+fans"),
        server.commands());
  }

  @Test
  void unreachableMinerFailsTyped() throws Exception {
    int port;
    try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    MinerAddress address = new MinerAddress("127.0.0.1", port);

    MinerUnreachableException failure =
        assertThrows(
            MinerUnreachableException.class,
            () -> poller.poll(address).await(BOUND_SECONDS, TimeUnit.SECONDS));

    assertTrue(poller.knownFirmware(address).isEmpty());
  }
}
