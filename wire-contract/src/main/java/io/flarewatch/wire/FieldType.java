package io.flarewatch.wire;

/** The type of a field value as line protocol writes it and InfluxDB stores it. */
public enum FieldType {
  /** A number without suffix, e.g. {@code 401.5} or {@code 3}. */
  FLOAT("a float"),
  /** A number with the {@code i} suffix, e.g. {@code 3i}. */
  INTEGER("an integer"),
  /** A quoted string. */
  STRING("a string"),
  /** {@code t}, {@code false} and the other spellings. */
  BOOLEAN("a boolean");

  private final String described;

  FieldType(String described) {
    this.described = described;
  }

  /** The type of a {@link Point}'s field value. */
  public static FieldType of(Object value) {
    if (value instanceof Double) {
      return FLOAT;
    }
    if (value instanceof Long) {
      return INTEGER;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value instanceof String) {
      return STRING;
    }
    throw new IllegalArgumentException("not a field value: " + value);
  }

  /** E.g. "a float", for messages. */
  public String described() {
    return described;
  }
}
