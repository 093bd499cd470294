package io.flarewatch.central.influx;

/**
 * Quoting for InfluxQL, so that no value reaching a query can change its structure: string literals
 * in single quotes, identifiers in double quotes, backslash escaping inside both.
 */
public final class InfluxQl {

  private InfluxQl() {}

  public static String stringLiteral(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  public static String identifier(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
