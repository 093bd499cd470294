package io.flarewatch.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's uplink as a loopback TCP relay in front of central that a test can cut and restore.
 * Cut, it behaves as a satellite or cellular outage does: nothing is refused or reset, bytes just
 * stop arriving, on open connections and on new ones, so the edge only learns of it by its own
 * timeouts (missed pings, request timeouts). Restored, new connections reach central again; the
 * ones open during the outage stay dead, as after a NAT mapping expired.
 *
 * <p>Given several central ports it is a load balancer with failover: each connection goes to the
 * first that accepts it, so all go to the first while it is up, and to the next once it is gone.
 */
final class LinkProxy implements AutoCloseable {

  private final NetClient client;
  private final List<Integer> targetPorts;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
  private volatile boolean up = true;
  private NetServer server;

  private LinkProxy(Vertx vertx, List<Integer> targetPorts) {
    this.client = vertx.createNetClient();
    this.targetPorts = List.copyOf(targetPorts);
  }

  /**
   * A relay on a free loopback port to {@code targetPort} on loopback (which may not listen yet).
   */
  static LinkProxy start(Vertx vertx, int targetPort) {
    return start(vertx, List.of(targetPort));
  }

  /**
   * A relay on a free loopback port to the first of {@code targetPorts} on loopback that accepts
   * each connection.
   */
  static LinkProxy start(Vertx vertx, List<Integer> targetPorts) {
    LinkProxy proxy = new LinkProxy(vertx, targetPorts);
    proxy.server = vertx.createNetServer().connectHandler(proxy::accept);
    proxy.server.listen(0, "127.0.0.1").await();
    return proxy;
  }

  /** Where the edge reaches central through this relay. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** The outage starts: every byte, on open and new connections, is dropped from now on. */
  void cut() {
    up = false;
    relays.forEach(r -> r.alive = false);
  }

  /** The outage ends for connections opened from now on. */
  void restore() {
    up = true;
  }

  private void accept(NetSocket edgeSide) {
    sockets.add(edgeSide);
    edgeSide.closeHandler(v -> sockets.remove(edgeSide));
    if (!up) {
      edgeSide.handler(dropped -> {});
      return;
    }
    edgeSide.pause();
    connect(0)
        .onSuccess(
            centralSide -> {
              sockets.add(centralSide);
              Relay relay = new Relay();
              relays.add(relay);
              edgeSide.handler(b -> relay.forward(b, centralSide));
              centralSide.handler(b -> relay.forward(b, edgeSide));
              edgeSide.closeHandler(
                  v -> {
                    sockets.remove(edgeSide);
                    relay.closeIfAlive(centralSide);
                  });
              centralSide.closeHandler(
                  v -> {
                    sockets.remove(centralSide);
                    relay.closeIfAlive(edgeSide);
                  });
              edgeSide.resume();
            })
        .onFailure(e -> edgeSide.close());
  }

  /** A connection to the first target from {@code index} on that accepts one. */
  private Future<NetSocket> connect(int index) {
    Future<NetSocket> connected = client.connect(targetPorts.get(index), "127.0.0.1");
    return index + 1 == targetPorts.size()
        ? connected
        : connected.recover(refused -> connect(index + 1));
  }

  /** One relayed connection; once the link is cut it never carries a byte or a close again. */
  private final class Relay {
    volatile boolean alive = true;

    void forward(Buffer bytes, NetSocket to) {
      if (alive) {
        to.write(bytes);
      }
    }

    void closeIfAlive(NetSocket other) {
      relays.remove(this);
      if (alive) {
        other.close();
      }
    }
  }

  @Override
  public void close() {
    Future.all(sockets.stream().map(NetSocket::close).toList()).await();
    server.close().await();
    client.close().await();
  }
}
