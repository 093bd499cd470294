package io.flarewatch.drivers.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerCredentials;
import io.flarewatch.drivers.miner.control.WhatsminerControl;
import io.flarewatch.drivers.miner.control.WhatsminerCrypto;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WhatsminerControl}'s answers to what a miner can reply, against a scripted miner: the
 * error codes it maps, and a rejected cached token refreshed once. The simulator tests cover the
 * whole exchange against an independent server.
 */
class WhatsminerControlTest {
  private static final long BOUND_SECONDS = 20;
  private static final String TOKEN_REPLY =
      "{\"STATUS\":\"S\",\"When\":1,\"Code\":134,"
          + "\"Msg\":{\"time\":\"0042\",\"salt\":\"BQ5hoXV9\",\"newsalt\":\"NFGKhGNM\"},"
          + "\"Description\":\"\"}";
  private static final byte[] KEY =
      WhatsminerCrypto.token("admin", "0042", "BQ5hoXV9", "NFGKhGNM").aesKey();

  private Vertx vertx;
  private MinerApiClient client;
  private FakeMinerServer server;
  private final Deque<String> writeReplies = new ArrayDeque<>();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    client = new MinerApiClient(vertx, new MinerApiClientOptions(Duration.ofSeconds(5), 1 << 20));
    server = FakeMinerServer.start(vertx, this::answer);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
    client.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
    vertx.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  /** get_token answers a token; each write takes the next scripted reply. */
  private void answer(JsonNode request, NetSocket socket) {
    String reply =
        "get_token".equals(request.path("command").asText())
            ? TOKEN_REPLY
            : writeReplies.isEmpty() ? encryptedOk() : writeReplies.poll();
    socket
        .write(Buffer.buffer(reply.getBytes(StandardCharsets.UTF_8)))
        .onComplete(v -> socket.close());
  }

  private static String encrypted(String json) {
    return "{\"enc\":\"" + WhatsminerCrypto.encrypt(KEY, json) + "\"}";
  }

  private static String encryptedOk() {
    return encrypted(
        "{\"STATUS\":\"S\",\"When\":1,\"Code\":131,\"Msg\":\"API command OK\",\"Description\":\"\"}");
  }

  private static String plainError(int code, String msg) {
    return "{\"STATUS\":\"E\",\"When\":1,\"Code\":"
        + code
        + ",\"Msg\":\""
        + msg
        + "\",\"Description\":\"\"}";
  }

  private WhatsminerControl control() {
    return new WhatsminerControl(client, MinerCredentials.factoryDefaults());
  }

  private Throwable failureOf(WhatsminerControl control, MinerCommand command) {
    return assertThrows(
        MinerApiException.class,
        () -> control.send(server.address(), command).await(BOUND_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void writesTheCommandEncryptedWithTheToken() throws Exception {
    control()
        .send(server.address(), MinerCommand.powerLimit(2500))
        .await(BOUND_SECONDS, TimeUnit.SECONDS);

    JsonNode write = server.requests().get(1);
    assertEquals(1, write.get("enc").asInt());
    String plain =
        new String(
            WhatsminerCrypto.decrypt(KEY, write.get("data").asText()), StandardCharsets.UTF_8);
    assertEquals(
        "{\"cmd\":\"adjust_power_limit\",\"power_limit\":\"2500\",\"token\":\""
            + WhatsminerCrypto.token("admin", "0042", "BQ5hoXV9", "NFGKhGNM").sign()
            + "\"}",
        plain);
  }

  @Test
  void writesDisabledIsAuthFailed() {
    writeReplies.add(plainError(45, "can't access write cmd"));

    MinerAuthException e = (MinerAuthException) failureOf(control(), MinerCommand.sleep());

    assertEquals("auth_failed", e.code());
    assertTrue(e.detail().contains("writes are not enabled"), e.detail());
    assertTrue(e.detail().contains("Code 45"), e.detail());
  }

  @Test
  void aFreshTokenRejectedIsAuthFailed() {
    writeReplies.add(plainError(135, "check token err"));

    MinerApiException e = (MinerApiException) failureOf(control(), MinerCommand.wake());

    assertEquals("auth_failed", e.code());
    assertEquals(2, server.requests().size(), "a fresh token is not fetched again");
  }

  @Test
  void aRejectedCachedTokenIsRefreshedOnce() throws Exception {
    WhatsminerControl control = control();
    control.send(server.address(), MinerCommand.sleep()).await(BOUND_SECONDS, TimeUnit.SECONDS);
    writeReplies.add(plainError(135, "check token err"));

    control.send(server.address(), MinerCommand.wake()).await(BOUND_SECONDS, TimeUnit.SECONDS);

    assertEquals(
        List.of("get_token", "", "", "get_token", ""),
        server.commands(),
        "token, write, write rejected, new token, write again");
  }

  @Test
  void anEncryptedErrorIsReplyErrorWithTheFirmwaresCode() {
    writeReplies.add(
        encrypted(
            "{\"STATUS\":\"E\",\"When\":1,\"Code\":14,\"Msg\":\"invalid cmd\",\"Description\":\"\"}"));

    MinerStatusException e =
        (MinerStatusException) failureOf(control(), MinerCommand.powerLimit(10));

    assertEquals("reply_error", e.code());
    assertEquals("14", e.statusCode());
    assertEquals("invalid cmd", e.statusMessage());
  }

  @Test
  void tooManyTokensIsReplyError() throws Exception {
    server.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
    server =
        FakeMinerServer.start(
            vertx,
            FakeMinerServer.replyAndClose(
                plainError(136, "token over max times").getBytes(StandardCharsets.UTF_8)));

    MinerStatusException e = (MinerStatusException) failureOf(control(), MinerCommand.sleep());

    assertEquals("reply_error", e.code());
    assertEquals("136", e.statusCode());
  }

  @Test
  void anUndecryptableReplyIsBadReply() {
    writeReplies.add("{\"enc\":\"AAAA\"}");

    MinerApiException e = (MinerApiException) failureOf(control(), MinerCommand.sleep());

    assertEquals("bad_reply", e.code());
    assertTrue(e.detail().contains("cannot be decrypted"), e.detail());
  }
}
