package io.flarewatch.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one measurement of the wire contract may hold: its tag keys (some required), its fixed
 * fields with their types, and which other fields it takes: none, any register of a device's
 * register map (always a float), or the methodology's {@code param_*} strings. Each field name thus
 * has one type whoever writes it first, so no point can fix a field's type for everyone else.
 *
 * <p>Every check is offered on a {@link Point} (the parser's path) and on a range of bytes (the
 * plain path, {@link PlainLineProtocol}), and both say the same.
 */
public final class MeasurementContract {

  /** Longest tag value accepted: ids are at most 64 characters ({@link Schema#ID}). */
  public static final int MAX_TAG_VALUE_CHARS = 64;

  /** Longest string field value accepted, e.g. a parameter's source. */
  public static final int MAX_STRING_CHARS = 4096;

  /** Longest name of a field named by a register map or the methodology. */
  public static final int MAX_NAMED_FIELD_CHARS = 64;

  /** Fields a measurement takes beyond its fixed ones. */
  public enum NamedFields {
    /** Only the fixed fields. */
    NONE(null, null),
    /** Any register of the device's register map, named as there: always a float. */
    REGISTERS(FieldType.FLOAT, ""),
    /** {@code param_<name>}: a parameter a figure was computed with, always a string. */
    PARAMETERS(FieldType.STRING, "param_");

    private final FieldType type;
    private final String prefix;

    NamedFields(FieldType type, String prefix) {
      this.type = type;
      this.prefix = prefix;
    }

    /** The type of a field of this family, or null when the name is not of it. */
    FieldType typeOf(String name) {
      if (type == null || name.length() > MAX_NAMED_FIELD_CHARS || !name.startsWith(prefix)) {
        return null;
      }
      for (int k = prefix.length(); k < name.length(); k++) {
        if (!plainNameChar(name.charAt(k), k == prefix.length())) {
          return null;
        }
      }
      return name.length() > prefix.length() ? type : null;
    }

    FieldType typeOf(byte[] body, int start, int end) {
      int length = end - start;
      if (type == null || length > MAX_NAMED_FIELD_CHARS || length <= prefix.length()) {
        return null;
      }
      for (int k = 0; k < prefix.length(); k++) {
        if (body[start + k] != prefix.charAt(k)) {
          return null;
        }
      }
      for (int k = start + prefix.length(); k < end; k++) {
        if (!plainNameChar((char) body[k], k == start + prefix.length())) {
          return null;
        }
      }
      return type;
    }

    private static boolean plainNameChar(char c, boolean first) {
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      return first ? letter : letter || (c >= '0' && c <= '9') || c == '_';
    }
  }

  private final String name;
  private final List<String> tagKeys;
  private final Set<String> requiredTags;
  private final Map<String, FieldType> fields;
  private final NamedFields named;
  private final ByteNames tagKeyBytes;
  private final int siteTag;
  private final int requiredTagBits;
  private final ByteNames fieldBytes;
  private final FieldType[] fieldTypes;
  private final Function<Point, String> valueRule;

  MeasurementContract(
      String name,
      Set<String> requiredTags,
      Set<String> optionalTags,
      Map<String, FieldType> fields,
      NamedFields named) {
    this(name, requiredTags, optionalTags, fields, named, null);
  }

  /**
   * @param valueRule why a point whose names and types keep the contract is refused for its values
   *     (or null when it is not); a measurement with such a rule is never taken as plain ({@link
   *     PlainLineProtocol}) and always gets the parser's check
   */
  MeasurementContract(
      String name,
      Set<String> requiredTags,
      Set<String> optionalTags,
      Map<String, FieldType> fields,
      NamedFields named,
      Function<Point, String> valueRule) {
    this.name = name;
    this.valueRule = valueRule;
    TreeSet<String> tags = new TreeSet<>(requiredTags);
    tags.addAll(optionalTags);
    this.tagKeys = List.copyOf(tags);
    this.requiredTags = Collections.unmodifiableSet(new TreeSet<>(requiredTags));
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    this.named = named;
    this.tagKeyBytes = new ByteNames(tagKeys);
    this.siteTag = tagKeys.indexOf(Schema.TAG_SITE);
    int required = 0;
    for (String tag : requiredTags) {
      required |= 1 << tagKeys.indexOf(tag);
    }
    this.requiredTagBits = required;
    if (fields.size() > Long.SIZE) {
      throw new IllegalArgumentException(name + ": more than 64 fixed fields");
    }
    this.fieldBytes = new ByteNames(new ArrayList<>(fields.keySet()));
    this.fieldTypes = fields.values().toArray(new FieldType[0]);
  }

  public String name() {
    return name;
  }

  /** Every tag key the measurement takes, sorted as line protocol orders them. */
  public List<String> tagKeys() {
    return tagKeys;
  }

  /** The tags every point of the measurement carries. */
  public Set<String> requiredTags() {
    return requiredTags;
  }

  /** The fixed fields and their types. */
  public Map<String, FieldType> fields() {
    return fields;
  }

  /** Which fields beyond the fixed ones the measurement takes. */
  public NamedFields namedFields() {
    return named;
  }

  /** Whether points of this measurement have values checked beyond their names and types. */
  public boolean checksValues() {
    return valueRule != null;
  }

  /** Why a field of this name and type is refused in this measurement, or null when it is not. */
  public String fieldProblem(String field, FieldType type) {
    String quoted = "field '" + LineProtocolException.excerpt(field) + "'";
    if (field.equals(Schema.TIME)) {
      return quoted + " is not allowed in measurement " + name + ": InfluxDB reserves it";
    }
    if (Schema.isTagKey(field)) {
      return quoted + " is not allowed in measurement " + name + ": it is a tag key";
    }
    FieldType expected = fields.get(field);
    if (expected == null) {
      expected = named.typeOf(field);
    }
    if (expected == null) {
      return quoted
          + " is not allowed in measurement "
          + name
          + (named == NamedFields.REGISTERS
              ? ": a register's field name is a letter, then letters, digits or '_', at most "
                  + MAX_NAMED_FIELD_CHARS
                  + " characters"
              : "");
    }
    if (expected != type) {
      return quoted
          + " of measurement "
          + name
          + " must be "
          + expected.described()
          + ", not "
          + type.described();
    }
    return null;
  }

  /** Why the point's tags and fields break this contract, or null when they do not. */
  String problem(Point point) {
    for (Map.Entry<String, String> tag : point.tags().entrySet()) {
      String key = tag.getKey();
      if (!tagKeys.contains(key)) {
        return "tag '"
            + LineProtocolException.excerpt(key)
            + "' is not allowed in measurement "
            + name
            + " (its tags: "
            + String.join(", ", tagKeys)
            + ")";
      }
      if (tag.getValue().length() > MAX_TAG_VALUE_CHARS) {
        return tooLong("value of tag '" + key + "'", tag.getValue(), MAX_TAG_VALUE_CHARS);
      }
    }
    for (String required : requiredTags) {
      if (!point.tags().containsKey(required)) {
        return "measurement " + name + " needs the tag '" + required + "'";
      }
    }
    for (Map.Entry<String, Object> field : point.fields().entrySet()) {
      FieldType type = FieldType.of(field.getValue());
      String problem = fieldProblem(field.getKey(), type);
      if (problem != null) {
        return problem;
      }
      if (type == FieldType.STRING && ((String) field.getValue()).length() > MAX_STRING_CHARS) {
        return tooLong(
            "field '" + field.getKey() + "'", (String) field.getValue(), MAX_STRING_CHARS);
      }
    }
    return valueRule == null ? null : valueRule.apply(point);
  }

  private static String tooLong(String what, String value, int max) {
    return what + " is too long: " + value.length() + " characters, at most " + max;
  }

  /** The index in {@link #tagKeys()} of the tag key {@code body[start, end)}, or -1. */
  int tagIndex(byte[] body, int start, int end) {
    return tagKeyBytes.indexOf(body, start, end);
  }

  /** The index of the {@code site} tag in {@link #tagKeys()}. */
  int siteTagIndex() {
    return siteTag;
  }

  /** One bit per required tag, at its index in {@link #tagKeys()}. */
  int requiredTagBits() {
    return requiredTagBits;
  }

  /** What {@link #fieldIndex} answers for a field of the {@link #namedFields()} family. */
  static final int NAMED_FIELD = -2;

  /**
   * The index of the fixed field {@code body[start, end)} (see {@link #fixedFieldType}), {@link
   * #NAMED_FIELD} for a field of the measurement's named family ({@link #namedFieldType}), or -1
   * when the field is refused.
   */
  int fieldIndex(byte[] body, int start, int end) {
    int fixed = fieldBytes.indexOf(body, start, end);
    if (fixed >= 0) {
      return fixed;
    }
    if (named == NamedFields.NONE
        || Schema.isReserved(body, start, end)
        || named.typeOf(body, start, end) == null) {
      return -1;
    }
    return NAMED_FIELD;
  }

  FieldType fixedFieldType(int index) {
    return fieldTypes[index];
  }

  FieldType namedFieldType() {
    return named.type;
  }
}
