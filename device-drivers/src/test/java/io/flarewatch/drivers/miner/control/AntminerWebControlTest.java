package io.flarewatch.drivers.miner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.drivers.DeviceFailure;
import io.flarewatch.drivers.miner.MinerAddress;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the stock Antminer control names each way a web interface can fail, against scripted HTTP
 * servers (the happy path and digest refusals run against the simulator).
 */
class AntminerWebControlTest {
  private static final long BOUND_SECONDS = 20;
  private static final MinerAddress API = new MinerAddress("127.0.0.1", 4028);

  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
    }
    vertx.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  private int serve(Handler<HttpServerRequest> handler) throws Exception {
    server = vertx.createHttpServer().requestHandler(handler);
    return server.listen(0, "127.0.0.1").await(BOUND_SECONDS, TimeUnit.SECONDS).actualPort();
  }

  private DeviceFailure failure(int port, Duration timeout) {
    AntminerWebControl control =
        new AntminerWebControl(
            vertx, MinerCredentials.factoryDefaults(), AntminerWebPorts.fixed(port), timeout);
    Future<Void> sent = control.send(API, MinerCommand.sleep());
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                sent.toCompletionStage()
                    .toCompletableFuture()
                    .get(BOUND_SECONDS, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof DeviceFailure, e.getCause().toString());
    return (DeviceFailure) e.getCause();
  }

  @Test
  void noAuthenticationNeededAndSuccessIsAccepted() throws Exception {
    StringBuilder body = new StringBuilder();
    int port =
        serve(
            r ->
                r.body()
                    .onSuccess(
                        b -> {
                          body.append(r.method())
                              .append(' ')
                              .append(r.path())
                              .append(' ')
                              .append(b);
                          r.response()
                              .end("{\"stats\":\"success\",\"code\":\"M000\",\"msg\":\"OK!\"}");
                        }));
    new AntminerWebControl(
            vertx,
            MinerCredentials.factoryDefaults(),
            AntminerWebPorts.fixed(port),
            Duration.ofSeconds(2))
        .send(API, MinerCommand.wake())
        .await(BOUND_SECONDS, TimeUnit.SECONDS);
    assertEquals("POST /cgi-bin/set_miner_conf.cgi {\"miner-mode\":0}", body.toString());
  }

  @Test
  void httpErrorIsReplyError() throws Exception {
    int port = serve(r -> r.response().setStatusCode(500).end("boom"));
    DeviceFailure f = failure(port, Duration.ofSeconds(2));
    assertEquals("reply_error", f.code());
    assertEquals("HTTP 500: boom", f.detail());
  }

  @Test
  void refusedWriteIsReplyErrorWithTheFirmwareWords() throws Exception {
    int port =
        serve(
            r ->
                r.response()
                    .end("{\"stats\":\"error\",\"code\":\"M001\",\"msg\":\"Illegal json\"}"));
    DeviceFailure f = failure(port, Duration.ofSeconds(2));
    assertEquals("reply_error", f.code());
    assertEquals("stats error, code M001: Illegal json", f.detail());
  }

  @Test
  void notJsonIsBadReply() throws Exception {
    int port = serve(r -> r.response().end("<html>login</html>"));
    DeviceFailure f = failure(port, Duration.ofSeconds(2));
    assertEquals("bad_reply", f.code());
    assertTrue(f.detail().contains("<html>login</html>"), f.detail());
  }

  @Test
  void unauthorizedWithoutDigestIsAuthFailed() throws Exception {
    int port =
        serve(
            r ->
                r.response()
                    .setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Basic realm=x")
                    .end());
    DeviceFailure f = failure(port, Duration.ofSeconds(2));
    assertEquals("auth_failed", f.code());
    assertEquals("HTTP 401 without a Digest challenge", f.detail());
  }

  @Test
  void silentServerIsTimeout() throws Exception {
    int port = serve(r -> {}); // never answers
    DeviceFailure f = failure(port, Duration.ofMillis(300));
    assertEquals("timeout", f.code());
    assertEquals("no complete reply within 300 ms", f.detail());
  }

  @Test
  void closedPortIsRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertEquals("refused", failure(port, Duration.ofSeconds(2)).code());
  }

  @Test
  void powerLimitIsNotOnTheWebInterface() {
    AntminerWebControl control =
        new AntminerWebControl(
            vertx,
            MinerCredentials.factoryDefaults(),
            AntminerWebPorts.fixed(80),
            Duration.ofSeconds(1));
    assertTrue(control.supports(MinerAction.SLEEP));
    assertTrue(control.supports(MinerAction.WAKE));
    assertTrue(!control.supports(MinerAction.POWER_LIMIT));
  }
}
