package io.flarewatch.simulator;

import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CGMiner-style TCP API of one simulated miner: reads one JSON request, answers once, closes
 * the connection (as real firmware does).
 */
final class MinerApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(MinerApiServer.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_REQUEST_BYTES = 64 * 1024;
  private static final long SILENT_HOLD_MILLIS = 120_000;

  private final Vertx vertx;
  private final SiteModel model;
  private final FaultInjector faults;
  private final GroundTruth groundTruth;
  private final int index;
  private final String minerId;
  private final String host;
  private int port;
  private NetServer server;

  MinerApiServer(
      Vertx vertx,
      SiteModel model,
      FaultInjector faults,
      GroundTruth groundTruth,
      int index,
      String host,
      int port) {
    this.vertx = vertx;
    this.model = model;
    this.faults = faults;
    this.groundTruth = groundTruth;
    this.index = index;
    this.minerId = MinerIds.of(index);
    this.host = host;
    this.port = port;
  }

  String host() {
    return host;
  }

  /** The bound port (the ephemeral one once listening on port 0). */
  int port() {
    return port;
  }

  /** Starts listening (again, on the same port once known); no-op when listening. */
  synchronized Future<Void> listen() {
    if (server != null) {
      return Future.succeededFuture();
    }
    NetServer s =
        vertx.createNetServer(
            new NetServerOptions().setHost(host).setPort(port).setReuseAddress(true));
    s.connectHandler(this::handle);
    server = s;
    return s.listen()
        .map(
            bound -> {
              port = bound.actualPort();
              return (Void) null;
            })
        .recover(
            err -> {
              synchronized (this) {
                server = null;
              }
              return Future.failedFuture(
                  new IllegalStateException(
                      "miner "
                          + minerId
                          + " cannot listen on "
                          + host
                          + ":"
                          + port
                          + ": "
                          + err.getMessage(),
                      err));
            });
  }

  /** Stops listening: connecting is refused. */
  synchronized Future<Void> stop() {
    NetServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.close();
  }

  /** Opens or closes the listening socket to match an offline mode. */
  Future<Void> applyOffline(OfflineMode mode) {
    return mode == OfflineMode.REFUSED ? stop() : listen();
  }

  private void handle(NetSocket socket) {
    Buffer pending = Buffer.buffer();
    boolean[] done = {false};
    socket.exceptionHandler(e -> LOG.debug("miner {} connection error: {}", minerId, e.toString()));
    if (model.flavour(index) == Flavour.WHATSMINER) {
      closeWhenIdle(socket, done);
    }
    socket.handler(
        chunk -> {
          if (done[0]) {
            return;
          }
          pending.appendBuffer(chunk);
          if (pending.length() > MAX_REQUEST_BYTES) {
            done[0] = true;
            answer(socket, null, requestError(23, "Invalid JSON: request too long"), null, false);
            return;
          }
          JsonNode request;
          try {
            request = MAPPER.readTree(trimmed(pending));
          } catch (JsonEOFException incomplete) {
            return; // wait for more bytes
          } catch (IOException e) {
            done[0] = true;
            answer(socket, null, requestError(23, "Invalid JSON"), null, false);
            return;
          }
          if (request == null) {
            return;
          }
          done[0] = true;
          onRequest(socket, request);
        });
  }

  /** Whatsminer drops a connection that has not sent a complete request in time. */
  private void closeWhenIdle(NetSocket socket, boolean[] done) {
    long idleMillis =
        model.withMiner(index, (m, tick, now) -> m.whatsminerTokens.config().idleTimeoutMillis());
    long timer =
        vertx.setTimer(
            idleMillis,
            id -> {
              if (!done[0]) {
                done[0] = true;
                socket.close();
              }
            });
    socket.closeHandler(v -> vertx.cancelTimer(timer));
  }

  private static byte[] trimmed(Buffer b) {
    byte[] bytes = b.getBytes();
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == 0 || Character.isWhitespace(bytes[end - 1]))) {
      end--;
    }
    byte[] out = new byte[end];
    System.arraycopy(bytes, 0, out, 0, end);
    return out;
  }

  private void onRequest(NetSocket socket, JsonNode request) {
    MinerFaultSettings fault = faults.miner(minerId);
    if (fault.offline() != null) {
      holdSilently(socket);
      return;
    }
    if (!request.isObject()) {
      answer(socket, fault, requestError(23, "Invalid JSON"), null, false);
      return;
    }
    if (request.has("enc") && model.flavour(index) == Flavour.WHATSMINER) {
      CommandFaults writeFaults = CommandFaults.of(fault, model.tickMillis(), false);
      ObjectNode reply =
          model.withMiner(
              index,
              (m, tick, now) ->
                  m.answers()
                      ? new MinerReplies(m, tick, now, writeFaults).encryptedWrite(request)
                      : null);
      if (reply == null) {
        holdSilently(socket);
      } else {
        answer(socket, fault, reply, null, false);
      }
      return;
    }
    JsonNode commandNode = request.get("command");
    if (commandNode == null || !commandNode.isTextual() || commandNode.asText().isBlank()) {
      answer(socket, fault, requestError(24, "Missing JSON 'command'"), null, false);
      return;
    }
    String command = commandNode.asText().trim();
    JsonNode parameterNode = request.get("parameter");
    String parameter =
        parameterNode == null || parameterNode.isNull() ? null : parameterNode.asText();
    boolean logon =
        List.of(command.split("\\+", -1)).stream().anyMatch(c -> c.trim().equals("logon"));
    boolean logonBusy = logon && faults.takeSessionBusy(minerId);
    CommandFaults commandFaults = CommandFaults.of(fault, model.tickMillis(), logonBusy);
    Served served =
        model.withMiner(
            index, (m, tick, now) -> serve(m, tick, now, command, parameter, commandFaults));
    if (served == null) {
      holdSilently(socket); // no power: the miner is dead to the network
      return;
    }
    if (logon && faults.takeLostLogonReply(minerId)) {
      socket.close(); // the miner did the logon; its reply never reaches the client
      return;
    }
    answer(socket, fault, served.reply, served.reading, served.antminerStats);
  }

  private record Served(ObjectNode reply, ServedMinerReading reading, boolean antminerStats) {}

  private Served serve(
      MinerModel m,
      long tick,
      Instant now,
      String command,
      String parameter,
      CommandFaults commandFaults) {
    if (!m.answers()) {
      return null;
    }
    MinerReplies replies = new MinerReplies(m, tick, now, commandFaults);
    ObjectNode reply;
    boolean antminerStats = false;
    if (command.contains("+")) {
      reply = JsonNodeFactory.instance.objectNode();
      for (String part : command.split("\\+", -1)) {
        String c = part.trim();
        ObjectNode single =
            c.isEmpty() ? replies.error(14, "Invalid command") : replies.reply(c, parameter);
        reply.putArray(c).add(single);
        antminerStats |= m.flavour == Flavour.ANTMINER && "stats".equals(c);
      }
    } else {
      reply = replies.reply(command, parameter);
      antminerStats = m.flavour == Flavour.ANTMINER && "stats".equals(command);
    }
    List<Integer> fans = new ArrayList<>();
    for (int f : m.fanRpm) {
      fans.add(f);
    }
    if (m.flavour == Flavour.WHATSMINER) {
      fans = fans.subList(0, 2); // Fan Speed In, Fan Speed Out
    }
    double ths = servedThs(m);
    ServedMinerReading reading =
        new ServedMinerReading(
            m.id,
            command,
            tick,
            now,
            m.flavour,
            ths,
            m.flavour.isAntminer() ? null : m.powerWatts,
            m.maxChipTemp(),
            List.copyOf(fans),
            m.uptimeSeconds(tick),
            m.state());
    return new Served(reply, reading, antminerStats);
  }

  /** The hashrate a client reads from the flavour's replies, in TH/s. */
  private static double servedThs(MinerModel m) {
    return switch (m.flavour) {
      case BRAIINS, WHATSMINER -> m.mhs / 1_000_000;
      case ANTMINER_CHAIN_RATES -> {
        BigDecimal sum = BigDecimal.ZERO;
        for (int c = 0; c < MinerHardware.CHAINS; c++) {
          sum = sum.add(BigDecimal.valueOf(m.chainGhs(c)));
        }
        yield sum.movePointLeft(3).doubleValue();
      }
      case ANTMINER, LUXOS -> m.ghs / 1000;
    };
  }

  private ObjectNode requestError(int code, String msg) {
    return MinerReplies.requestError(code, msg, model.now().getEpochSecond());
  }

  private void answer(
      NetSocket socket,
      MinerFaultSettings fault,
      ObjectNode reply,
      ServedMinerReading reading,
      boolean antminerStats) {
    MinerFaultSettings f = fault == null ? faults.miner(minerId) : fault;
    Set<MinerQuirk> quirks = EnumSet.noneOf(MinerQuirk.class);
    quirks.addAll(f.quirks());
    if (model.flavour(index).isAntminer()) {
      quirks.add(MinerQuirk.TRAILING_NUL);
    }
    byte[] bytes = WireFormat.encode(reply, quirks, antminerStats);
    Runnable write =
        () -> {
          if (f.resetMidReply()) {
            socket
                .write(Buffer.buffer(bytes).slice(0, Math.max(1, bytes.length / 2)))
                .onComplete(x -> socket.close());
            return;
          }
          if (reading != null) {
            groundTruth.record(reading);
          }
          socket.end(Buffer.buffer(bytes));
        };
    if (f.delayMillis() > 0) {
      vertx.setTimer(f.delayMillis(), id -> write.run());
    } else {
      write.run();
    }
  }

  private void holdSilently(NetSocket socket) {
    long timer = vertx.setTimer(SILENT_HOLD_MILLIS, id -> socket.close());
    socket.closeHandler(v -> vertx.cancelTimer(timer));
  }
}
