package io.flarewatch.central.query;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.wire.Schema;

/** The statement reading a site's latest summary: hashrate, miners online and miners in total. */
public final class LatestSiteSummary {

  private LatestSiteSummary() {}

  /**
   * {@code SELECT last(...) AS hashrate, ... AS online, ... AS total FROM site_summary WHERE …}.
   */
  public static String where(String filter) {
    return everySite() + " WHERE " + filter;
  }

  /** The same statement without a filter: every site's summary (grouped as the caller adds). */
  public static String everySite() {
    return "SELECT last("
        + identifier(Schema.FIELD_HASHRATE_THS)
        + ") AS hashrate, last("
        + identifier(Schema.FIELD_MINERS_ONLINE)
        + ") AS online, last("
        + identifier(Schema.FIELD_MINERS_TOTAL)
        + ") AS total FROM "
        + identifier(Schema.SITE_SUMMARY);
  }
}
