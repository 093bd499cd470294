package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Sends one command to a miner's CGMiner-style JSON API and returns the decoded reply.
 *
 * <p>Each request opens a connection, writes {@code {"command":...,"parameter":...}}, and reads
 * until the peer closes or a complete JSON value has arrived. The timeout covers connect and read
 * together. Non-blocking: safe to call from an event loop.
 *
 * <p>Returned futures fail with a {@link MinerApiException} whose code says why: {@link
 * MinerUnreachableException} ({@code refused}, {@code unreachable}), {@link MinerTimeoutException}
 * ({@code timeout}: no complete reply in time), {@link MinerConnectionException} ({@code io_error}:
 * reset, closed or cut off before a complete reply), {@link MinerReplyException} ({@code
 * bad_reply}: not JSON, oversize) or {@link MinerStatusException} ({@code reply_error}: STATUS
 * E/F).
 */
public final class MinerApiClient {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Vertx vertx;
  private final MinerApiClientOptions options;
  private final NetClient netClient;

  public MinerApiClient(Vertx vertx, MinerApiClientOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.netClient =
        vertx.createNetClient(
            new NetClientOptions().setConnectTimeout((int) options.timeout().toMillis()));
  }

  /** A client with {@link MinerApiClientOptions#defaults()}. */
  public MinerApiClient(Vertx vertx) {
    this(vertx, MinerApiClientOptions.defaults());
  }

  /**
   * Sends a command.
   *
   * @param address the miner
   * @param command a command, or several joined with {@code +} ({@code summary+stats+pools})
   * @param parameter the parameter, or {@code null} to send none
   * @return the decoded reply (see {@link MinerReplyDecoder})
   */
  public Future<JsonNode> command(MinerAddress address, String command, String parameter) {
    Objects.requireNonNull(address, "address");
    if (command == null || command.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("command must not be blank"));
    }
    ObjectNode request = MAPPER.createObjectNode().put("command", command);
    if (parameter != null) {
      request.put("parameter", parameter);
    }
    return send(address, command, request);
  }

  /**
   * Sends a request of another shape than {@code {"command":...}} (e.g. a Whatsminer encrypted
   * write, {@code {"enc":1,"data":...}}) and decodes the reply the same way.
   *
   * @param label what the request does, for messages (never the request itself: it may carry
   *     secrets)
   */
  public Future<JsonNode> send(MinerAddress address, String label, JsonNode request) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(request, "request");
    Exchange exchange =
        new Exchange(address, label, request.toString().getBytes(StandardCharsets.UTF_8));
    return exchange.run();
  }

  /** Closes the underlying TCP client. */
  public Future<Void> close() {
    return netClient.close();
  }

  /** One request/reply; state touched by socket handlers and the timeout timer. */
  private final class Exchange {
    private final MinerAddress address;
    private final String command;
    private final byte[] request;
    private final Promise<JsonNode> promise = Promise.promise();
    private final Buffer received = Buffer.buffer();
    private volatile NetSocket socket;
    private volatile int receivedLength;
    private volatile long timerId = -1;

    Exchange(MinerAddress address, String command, byte[] request) {
      this.address = address;
      this.command = command;
      this.request = request;
    }

    Future<JsonNode> run() {
      // socket handlers and the timeout timer then run on the same event loop
      vertx.getOrCreateContext().runOnContext(v -> start());
      return promise.future();
    }

    private void start() {
      long timeoutMs = options.timeout().toMillis();
      timerId =
          vertx.setTimer(
              timeoutMs,
              id -> {
                String what =
                    "no complete reply within "
                        + timeoutMs
                        + " ms ("
                        + receivedBytes()
                        + " bytes received)";
                fail(new MinerTimeoutException(prefix() + what, what, null));
              });
      netClient
          .connect(address.port(), address.host())
          .onComplete(
              connected -> {
                if (connected.failed()) {
                  fail(MinerConnectFailures.of(prefix(), connected.cause()));
                } else {
                  attach(connected.result());
                }
              });
    }

    private void attach(NetSocket connected) {
      socket = connected;
      if (promise.future().isComplete()) {
        connected.close();
        return;
      }
      connected.handler(this::onData);
      connected.exceptionHandler(this::onError);
      connected.closeHandler(v -> onClosed());
      connected
          .write(Buffer.buffer(request))
          .onFailure(
              e -> {
                String what = "cannot send request: " + e.getMessage();
                fail(new MinerConnectionException(prefix() + what, what, e));
              });
    }

    private void onData(Buffer chunk) {
      if (promise.future().isComplete()) {
        return;
      }
      received.appendBuffer(chunk);
      receivedLength = received.length();
      if (received.length() > options.maxReplyBytes()) {
        String what = "reply exceeds " + options.maxReplyBytes() + " bytes";
        fail(
            new MinerReplyException(
                prefix()
                    + what
                    + ": '"
                    + MinerReplyDecoder.excerpt(
                        received.getBytes(0, Math.min(200, received.length())))
                    + "'",
                what,
                null));
        return;
      }
      byte[] bytes = received.getBytes();
      if (MinerReplyDecoder.isComplete(bytes)) {
        finish(bytes);
      }
    }

    private void onError(Throwable error) {
      if (promise.future().isComplete()) {
        return;
      }
      byte[] bytes = received.getBytes();
      if (MinerReplyDecoder.isComplete(bytes)) {
        finish(bytes);
      } else if (bytes.length == 0) {
        String what = "connection failed before any reply: " + error.getMessage();
        fail(new MinerConnectionException(prefix() + what, what, error));
      } else {
        String what =
            "connection failed after "
                + bytes.length
                + " bytes, reply incomplete ("
                + error.getMessage()
                + ")";
        fail(
            new MinerConnectionException(
                prefix() + what + ": '" + MinerReplyDecoder.excerpt(bytes) + "'", what, error));
      }
    }

    private void onClosed() {
      if (promise.future().isComplete()) {
        return;
      }
      byte[] bytes = received.getBytes();
      if (bytes.length == 0) {
        String what = "connection closed without a reply";
        fail(new MinerConnectionException(prefix() + what, what, null));
      } else {
        finish(bytes);
      }
    }

    private void finish(byte[] bytes) {
      try {
        JsonNode reply = MinerReplyDecoder.decode(bytes);
        complete(reply);
      } catch (MinerApiException e) {
        fail(e.withPrefix(prefix()));
      }
    }

    private void complete(JsonNode reply) {
      if (promise.tryComplete(reply)) {
        cleanUp();
      }
    }

    private void fail(Throwable error) {
      if (promise.tryFail(error)) {
        cleanUp();
      }
    }

    private void cleanUp() {
      vertx.cancelTimer(timerId);
      NetSocket current = socket;
      if (current != null) {
        current.close();
      }
    }

    private int receivedBytes() {
      return receivedLength;
    }

    private String prefix() {
      return "miner " + address + " '" + command + "': ";
    }
  }
}
