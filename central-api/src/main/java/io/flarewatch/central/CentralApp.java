package io.flarewatch.central;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.http.HttpApiVerticle;
import io.flarewatch.central.influx.InfluxClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deploys central's verticles on a Vert.x instance and makes sure its database exists. */
public final class CentralApp {

  private static final Logger LOG = LoggerFactory.getLogger(CentralApp.class);

  private final Vertx vertx;
  private final HttpApiVerticle http;
  private String deploymentId;

  private CentralApp(Vertx vertx, CentralConfig config) {
    this.vertx = vertx;
    this.http = new HttpApiVerticle(config);
  }

  /**
   * Starts central. The databases are created when InfluxDB answers; if it is down at start,
   * central serves anyway (ingest answers 503) and keeps trying to create them.
   */
  public static Future<CentralApp> start(Vertx vertx, CentralConfig config) {
    CentralApp app = new CentralApp(vertx, config);
    InfluxClient influx = new InfluxClient(vertx, config.influx());
    app.ensureDatabase(influx);
    return vertx
        .deployVerticle(app.http)
        .map(
            id -> {
              app.deploymentId = id;
              LOG.info("central API listening on port {}", app.port());
              return app;
            });
  }

  public int port() {
    return http.actualPort();
  }

  /** The router serving the API. */
  Router router() {
    return http.router();
  }

  public Future<Void> stop() {
    return deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
  }

  /** Creates the ingest database and central's own (the audit log's), which ingest never writes. */
  private void ensureDatabase(InfluxClient influx) {
    InfluxClient central = influx.centralData();
    influx
        .createDatabase()
        .compose(done -> central.createDatabase())
        .onSuccess(
            done -> {
              LOG.info(
                  "InfluxDB databases '{}' (ingest) and '{}' (central's own) ready",
                  influx.database(),
                  central.database());
              influx.close();
            })
        .onFailure(
            e -> {
              LOG.warn(
                  "cannot create the InfluxDB database yet ({}); retrying in 5 s", e.getMessage());
              vertx.setTimer(5_000, t -> ensureDatabase(influx));
            });
  }
}
