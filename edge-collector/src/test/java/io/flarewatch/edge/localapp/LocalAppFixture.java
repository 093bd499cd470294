package io.flarewatch.edge.localapp;

import io.flarewatch.edge.config.LocalAppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A site-local app on a Vert.x of its own, on a free loopback port, without commands; its audit
 * entries are kept in {@link #audited} (the lines the buffer would get).
 */
final class LocalAppFixture implements AutoCloseable {

  static final String SITE = "well-7";

  final Vertx vertx;
  final LocalData data;
  final WebClient client;
  final int port;
  final List<String> audited;

  private LocalAppFixture(
      Vertx vertx, LocalData data, WebClient client, int port, List<String> audited) {
    this.vertx = vertx;
    this.data = data;
    this.client = client;
    this.port = port;
    this.audited = audited;
  }

  /**
   * @param centralKey central's public key, for its site tokens
   * @param miners the site's miner ids
   */
  static LocalAppFixture start(
      Path dir,
      Clock clock,
      PublicKey centralKey,
      Set<String> miners,
      List<LocalAppConfig.Account> accounts) {
    Vertx vertx = Vertx.vertx();
    LocalAppConfig config =
        new LocalAppConfig(
            "127.0.0.1", 0, dir.resolve("rollups.db"), null, null, null, null, null, accounts);
    LocalData data = LocalData.open(vertx, SITE, config.rollupPath(), config, clock).await();
    LocalAuth auth = new LocalAuth(SITE, config, centralKey, Duration.ofSeconds(60), clock);
    List<String> audited = new CopyOnWriteArrayList<>();
    SiteAuditLog audit =
        new SiteAuditLog(
            SITE,
            lines -> {
              audited.addAll(lines);
              return Future.succeededFuture();
            },
            clock);
    LocalAppVerticle app =
        new LocalAppVerticle(
            config,
            SITE,
            30_000,
            data,
            auth,
            new LocalCommandRoutes(SITE, null, data.latest(), miners, null, audit, clock),
            audit,
            clock);
    vertx.deployVerticle(app).await();
    return new LocalAppFixture(vertx, data, WebClient.create(vertx), app.actualPort(), audited);
  }

  @Override
  public void close() {
    try {
      data.close().await();
    } finally {
      vertx.close().await();
    }
  }
}
