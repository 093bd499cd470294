package io.flarewatch.drivers.miner.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerApiException;
import io.flarewatch.drivers.miner.MinerCommandException;
import io.flarewatch.drivers.miner.MinerConnectFailures;
import io.flarewatch.drivers.miner.MinerConnectionException;
import io.flarewatch.drivers.miner.MinerReplyException;
import io.flarewatch.drivers.miner.MinerTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stock Antminer firmware: sleep and wake are not on the CGMiner-style API but on the web
 * interface, an HTTP POST of {@code {"miner-mode":1}} (sleep) or {@code {"miner-mode":0}} (normal)
 * to {@value #SET_MINER_CONF}, protected by HTTP digest authentication (MD5, qop=auth) with the web
 * user and password of {@link MinerCredentials}. The firmware answers {@code {"stats":"success",
 * "code":"M000","msg":"OK!"}}. No power limit.
 *
 * <p>Failures: a digest the miner refuses (wrong user or password) is {@code auth_failed}; another
 * HTTP status or a reply whose {@code stats} is not {@code success} is {@code reply_error}; a reply
 * that is not JSON is {@code bad_reply}; connection failures are named as for the API ({@code
 * refused}, {@code unreachable}, {@code timeout}, {@code io_error}). Non-blocking (Vert.x HTTP
 * client).
 */
public final class AntminerWebControl extends SleepWakeControl {

  /** The path of the configuration write. */
  public static final String SET_MINER_CONF = "/cgi-bin/set_miner_conf.cgi";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpClientAgent http;
  private final MinerCredentials credentials;
  private final AntminerWebPorts webPorts;
  private final long timeoutMillis;

  /**
   * @param webPorts where each miner's web interface listens
   * @param timeout the longest one send may take, both HTTP exchanges together
   */
  public AntminerWebControl(
      Vertx vertx, MinerCredentials credentials, AntminerWebPorts webPorts, Duration timeout) {
    super("stock Antminer web interface");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.webPorts = Objects.requireNonNull(webPorts, "webPorts");
    this.timeoutMillis = timeout.toMillis();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setConnectTimeout((int) timeoutMillis).setKeepAlive(false));
  }

  @Override
  Future<Void> send(MinerAddress address, boolean sleep) {
    int port = webPorts.webPort(address);
    String prefix = "miner " + address.host() + ":" + port + " 'POST " + SET_MINER_CONF + "': ";
    Buffer body = Buffer.buffer("{\"miner-mode\":" + (sleep ? 1 : 0) + "}");
    return post(address.host(), port, body, null)
        .compose(
            first -> {
              if (first.status() != 401) {
                return Future.succeededFuture(first);
              }
              return authorize(prefix, first.headers())
                  .compose(authorization -> post(address.host(), port, body, authorization))
                  .compose(
                      second ->
                          second.status() == 401
                              ? Future.failedFuture(
                                  MinerCommandException.authFailed(
                                      prefix + "digest credentials refused",
                                      "digest credentials of user '"
                                          + credentials.webUser()
                                          + "' refused (HTTP 401)"))
                              : Future.succeededFuture(second));
            })
        .compose(reply -> accepted(prefix, reply))
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(named(prefix, e)));
  }

  private record Reply(int status, MultiMap headers, Buffer body) {}

  private Future<Reply> post(String host, int port, Buffer body, String authorization) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(host)
            .setPort(port)
            .setURI(SET_MINER_CONF)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (authorization != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
    }
    return http.request(options)
        .compose(request -> request.send(body))
        .compose(
            response ->
                response.body().map(b -> new Reply(response.statusCode(), response.headers(), b)));
  }

  private Future<String> authorize(String prefix, MultiMap headers) {
    for (String challenge : headers.getAll("WWW-Authenticate")) {
      if (challenge.regionMatches(true, 0, "Digest", 0, 6)) {
        HttpDigest.Challenge parsed;
        try {
          parsed = HttpDigest.parseChallenge(challenge);
        } catch (IllegalArgumentException e) {
          return Future.failedFuture(
              MinerCommandException.authFailed(prefix + e.getMessage(), e.getMessage()));
        }
        byte[] cnonce = new byte[8];
        RANDOM.nextBytes(cnonce);
        return Future.succeededFuture(
            HttpDigest.authorization(
                parsed,
                credentials.webUser(),
                credentials.webPassword(),
                "POST",
                SET_MINER_CONF,
                HexFormat.of().formatHex(cnonce),
                1));
      }
    }
    String what = "HTTP 401 without a Digest challenge";
    return Future.failedFuture(MinerCommandException.authFailed(prefix + what, what));
  }

  private static Future<Void> accepted(String prefix, Reply reply) {
    String excerpt = reply.body().toString().strip();
    excerpt = excerpt.length() > 120 ? excerpt.substring(0, 117) + "..." : excerpt;
    if (reply.status() != 200) {
      String what = "HTTP " + reply.status() + (excerpt.isEmpty() ? "" : ": " + excerpt);
      return Future.failedFuture(MinerCommandException.replyError(prefix + what, what));
    }
    JsonNode json;
    try {
      json = MAPPER.readTree(reply.body().getBytes());
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      String what = "reply is not a JSON object: '" + excerpt + "'";
      return Future.failedFuture(new MinerReplyException(prefix + what, what, null));
    }
    if (!"success".equalsIgnoreCase(json.path("stats").asText(""))) {
      String what =
          "stats "
              + json.path("stats").asText("missing")
              + ", code "
              + json.path("code").asText("none")
              + ": "
              + json.path("msg").asText("no msg");
      return Future.failedFuture(MinerCommandException.replyError(prefix + what, what));
    }
    return Future.succeededFuture();
  }

  private MinerApiException named(String prefix, Throwable e) {
    if (e instanceof MinerApiException known) {
      return known;
    }
    if (e instanceof TimeoutException) {
      String what = "no complete reply within " + timeoutMillis + " ms";
      return new MinerTimeoutException(prefix + what, what, e);
    }
    if (e instanceof java.net.ConnectException
        || e instanceof io.netty.channel.ConnectTimeoutException
        || e instanceof java.net.UnknownHostException) {
      return MinerConnectFailures.of(prefix, e);
    }
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new MinerConnectionException(prefix + what, what, e);
  }
}
