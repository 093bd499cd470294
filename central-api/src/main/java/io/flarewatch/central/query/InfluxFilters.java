package io.flarewatch.central.query;

import static io.flarewatch.central.influx.InfluxQl.identifier;
import static io.flarewatch.central.influx.InfluxQl.stringLiteral;

import io.flarewatch.wire.Schema;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

/** WHERE clause pieces built only from quoted literals, so no id can change a query. */
public final class InfluxFilters {

  private InfluxFilters() {}

  /** {@code ("site" = 'a' OR "site" = 'b')}; the caller never passes an empty list. */
  public static String sites(Collection<String> siteIds) {
    if (siteIds.isEmpty()) {
      throw new IllegalArgumentException("at least one site is needed");
    }
    return siteIds.stream()
        .map(id -> tagEquals(Schema.TAG_SITE, id))
        .collect(Collectors.joining(" OR ", "(", ")"));
  }

  public static String tagEquals(String tag, String value) {
    return identifier(tag) + " = " + stringLiteral(value);
  }

  /** {@code time >= from AND time < to}, in epoch milliseconds. */
  public static String timeRange(Instant from, Instant to) {
    return "time >= " + from.toEpochMilli() + "ms AND time < " + to.toEpochMilli() + "ms";
  }
}
