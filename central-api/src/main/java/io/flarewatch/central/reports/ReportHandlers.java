package io.flarewatch.central.reports;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /api/v1/reports/emissions} and {@code GET /api/v1/reports/compliance}: read the day
 * totals month by month, build the report, render and hash it off the event loop.
 */
public final class ReportHandlers {

  private final CentralConfig config;
  private final EmissionsDays emissionsDays;
  private final MeterDays meterDays;

  public ReportHandlers(CentralConfig config, InfluxClient influx) {
    this.config = config;
    this.emissionsDays = new EmissionsDays(influx);
    this.meterDays = new MeterDays(influx);
  }

  public void emissions(RoutingContext ctx) {
    ReportRequest request = ReportRequest.of(ctx, config, null);
    Future<ReportContent> content =
        request.sites().isEmpty()
            ? Future.succeededFuture(EmissionsReport.build(request, List.of()))
            : emissionsDays
                .read(siteIds(request), request.from(), request.to())
                .map(days -> EmissionsReport.build(request, days));
    respond(ctx, request, content, "emissions");
  }

  public void compliance(RoutingContext ctx) {
    ReportRequest request = ReportRequest.of(ctx, config, ReportPeriod.MONTH);
    Future<ReportContent> content;
    if (request.sites().isEmpty()) {
      content = Future.succeededFuture(ComplianceReport.build(request, List.of(), List.of()));
    } else {
      List<String> sites = siteIds(request);
      content =
          meterDays
              .read(sites, request.from(), request.to())
              .compose(
                  meters ->
                      emissionsDays
                          .read(sites, request.from(), request.to())
                          .map(days -> ComplianceReport.build(request, meters, days)));
    }
    respond(ctx, request, content, "compliance");
  }

  private static List<String> siteIds(ReportRequest request) {
    return request.sites().stream().map(SiteConfig::id).toList();
  }

  private static void respond(
      RoutingContext ctx, ReportRequest request, Future<ReportContent> content, String kind) {
    String fileName =
        kind
            + "-"
            + (request.siteParameter() == null ? "all-sites" : request.siteParameter())
            + "-"
            + request.from().toString().substring(0, 10)
            + "-"
            + request.to().toString().substring(0, 10);
    content
        .compose(
            report ->
                ctx.vertx()
                    .executeBlocking(() -> ReportRenderer.render(report, request.format()), false))
        .onSuccess(body -> ReportResponse.send(ctx, body, request.format(), fileName))
        .onFailure(ctx::fail);
  }
}
