package io.flarewatch.central.operations;

import io.flarewatch.central.auth.Authz;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.ingest.IngestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Mounts what operators and client authors need about central itself, all public: {@code GET
 * /metrics} (Prometheus text, written by Micrometer), {@code GET /api/v1/openapi.yaml} (the API's
 * OpenAPI 3.1 document), and, ahead of every other route, the one handler that records each
 * request's metrics.
 */
public final class OperationsRoutes {

  /** The API's OpenAPI document, a classpath resource. */
  public static final String OPENAPI_RESOURCE = "openapi/central-api.yaml";

  static final String INGEST_ROUTE = "/api/v1/sites/{site}/samples";

  private final Router router;
  private final CentralMetrics metrics;
  private volatile RouteTemplates templates;

  private OperationsRoutes(Router router, CentralMetrics metrics) {
    this.router = router;
    this.metrics = metrics;
  }

  /**
   * Mounts the routes; call once every other route is mounted. Returns the metrics, for meters of
   * other parts of central.
   */
  public static CentralMetrics mount(Vertx vertx, Router router, InfluxClient influx, Authz authz) {
    OperationsRoutes routes =
        new OperationsRoutes(
            router, new CentralMetrics(influx.failures(), authz::lostAuditEntries));
    router.route().order(Integer.MIN_VALUE).handler(routes::record);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(routes.metrics.registry()));
    Future<Buffer> document = vertx.executeBlocking(OperationsRoutes::readDocument, false);
    router
        .get("/api/v1/openapi.yaml")
        .handler(
            ctx ->
                document
                    .onSuccess(
                        yaml ->
                            ctx.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
                                .end(yaml))
                    .onFailure(ctx::fail));
    return routes.metrics;
  }

  /** Records the request once its response is done, whichever route or failure answered it. */
  private void record(RoutingContext ctx) {
    long start = System.nanoTime();
    HttpMethod method = ctx.request().method();
    String path = ctx.normalizedPath();
    ctx.addEndHandler(
        done -> {
          int status = ctx.response().getStatusCode();
          String route = templates().match(path);
          metrics.request(method.name(), route, status, System.nanoTime() - start);
          if (method == HttpMethod.POST && route.equals(INGEST_ROUTE)) {
            metrics.ingestBatch(status, ctx.get(IngestHandler.PARSED_POINTS));
          }
        });
    ctx.next();
  }

  private RouteTemplates templates() {
    if (templates == null) {
      templates = RouteTemplates.of(router);
    }
    return templates;
  }

  private static Buffer readDocument() {
    try (InputStream in =
        OperationsRoutes.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
