package io.flarewatch.central.reports;

import io.flarewatch.central.audit.AuditRecorder;
import io.flarewatch.central.auth.Principal;
import io.flarewatch.central.auth.SiteScope;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.reports.signing.ReportSigner;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;

/**
 * {@code GET /api/v1/reports/emissions}, {@code GET /api/v1/reports/compliance} and {@code GET
 * /api/v1/reports/public-key}: read the emissions chunks month by month and their parameter sets,
 * build the report, render, hash and sign it off the event loop. A report covers only sites the
 * user may see.
 */
public final class ReportHandlers {

  /** Response header: site-days read from daily rollups and from raw points. */
  public static final String SITE_DAYS_HEADER = "X-Report-Site-Days";

  private final CentralConfig config;
  private final EmissionsChunks chunks;
  private final ParameterSetCatalogue catalogue;
  private final MeterSegments meters;
  private final ReportSigner signer;
  private final Clock clock;

  public ReportHandlers(CentralConfig config, InfluxClient influx) {
    this(config, influx, ReportSigner.from(config.reports()), Clock.systemUTC());
  }

  public ReportHandlers(
      CentralConfig config, InfluxClient influx, ReportSigner signer, Clock clock) {
    this.config = config;
    this.chunks = new EmissionsChunks(influx, config.reports().rollups());
    this.catalogue = new ParameterSetCatalogue(influx, config.reports().rollups());
    this.meters = new MeterSegments(influx);
    this.signer = signer;
    this.clock = clock;
  }

  public Future<Buffer> emissions(RoutingContext ctx) {
    ReportRequest request = scoped(ctx, ReportRequest.of(ctx, config, null, clock));
    Future<ReportContent> content =
        read(ctx, request)
            .compose(
                data ->
                    catalogue
                        .read(siteIds(request), request.from(), request.to(), data)
                        .map(sets -> EmissionsReport.build(request, data.chunks(), sets)));
    return respond(ctx, request, content, "emissions", true);
  }

  public Future<Buffer> compliance(RoutingContext ctx) {
    ReportRequest request = scoped(ctx, ReportRequest.of(ctx, config, ReportPeriod.MONTH, clock));
    Future<ReportContent> content =
        read(ctx, request)
            .compose(
                data -> {
                  List<Segment> segments = ComplianceReport.segments(request, data.chunks());
                  return catalogue
                      .read(siteIds(request), request.from(), request.to(), data)
                      .compose(
                          sets ->
                              meters
                                  .read(segments)
                                  .map(
                                      byRole ->
                                          ComplianceReport.build(request, segments, byRole, sets)));
                });
    return respond(ctx, request, content, "compliance", false);
  }

  /** The public key reports are signed with, PEM; its id in {@code X-Report-Signing-Key}. */
  public Future<Buffer> publicKey(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-pem-file")
        .putHeader(ReportResponse.SIGNING_KEY, signer.keyId());
    return Future.succeededFuture(Buffer.buffer(signer.publicKeyPem()));
  }

  /**
   * The request's chunks; {@value #SITE_DAYS_HEADER} says how many site-days came from daily
   * rollups and how many from raw points (in a header, not in the report: the same data gives the
   * same bytes whichever way it was read).
   */
  private Future<EmissionsChunks.Read> read(RoutingContext ctx, ReportRequest request) {
    Future<EmissionsChunks.Read> read =
        request.sites().isEmpty()
            ? Future.succeededFuture(EmissionsChunks.Read.empty())
            : chunks.read(siteIds(request), request.from(), request.to());
    return read.andThen(
        done -> {
          if (done.succeeded()) {
            ctx.response()
                .putHeader(
                    SITE_DAYS_HEADER,
                    "rollups=" + done.result().rollupDays() + ", raw=" + done.result().rawDays());
          }
        });
  }

  /**
   * The request within the user's sites: a named site outside them is answered like an unknown site
   * (404); without a site, the report covers every site the user may see.
   */
  private static ReportRequest scoped(RoutingContext ctx, ReportRequest request) {
    SiteScope scope = Principal.of(ctx).sites();
    String named = request.siteParameter();
    if (named != null) {
      AuditRecorder.site(ctx, named);
      if (!scope.includes(named)) {
        throw SitePath.unknown(named);
      }
      return request;
    }
    return new ReportRequest(
        null,
        scope.filter(request.sites(), SiteConfig::id),
        request.from(),
        request.to(),
        request.period(),
        request.format(),
        request.asOf());
  }

  private static List<String> siteIds(ReportRequest request) {
    return request.sites().stream().map(SiteConfig::id).toList();
  }

  private Future<Buffer> respond(
      RoutingContext ctx,
      ReportRequest request,
      Future<ReportContent> content,
      String kind,
      boolean withPeriod) {
    String fileName =
        kind
            + "-"
            + (request.siteParameter() == null ? "all-sites" : request.siteParameter())
            + "-"
            + request.from().toString().substring(0, 10)
            + "-"
            + request.to().toString().substring(0, 10);
    String csvUrl = request.relativeUrl(kind, withPeriod, ReportFormat.CSV);
    return content
        .compose(
            report ->
                ctx.vertx()
                    .executeBlocking(
                        () ->
                            ReportResponse.sign(
                                ReportRenderer.render(report, request.format(), csvUrl), signer),
                        false))
        .map(signed -> ReportResponse.withHeaders(ctx, signed, request.format(), fileName));
  }
}
