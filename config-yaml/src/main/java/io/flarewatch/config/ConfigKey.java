package io.flarewatch.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Builds configuration key paths, in the one notation every error uses: fields joined by dots, list
 * elements by their index in brackets, e.g. {@code uplink.batchMaxLines} or {@code
 * minerRanges[2].firstHost}. The empty path is the document itself.
 */
public final class ConfigKey {

  private ConfigKey() {}

  /**
   * {@code child} below {@code parent}: {@code join("uplink", "batchMaxLines")} is {@code
   * uplink.batchMaxLines}, {@code join("miners", "[2].host")} is {@code miners[2].host}; either may
   * be empty.
   */
  public static String join(String parent, String child) {
    if (parent.isEmpty()) {
      return child;
    }
    if (child.isEmpty()) {
      return parent;
    }
    return child.startsWith("[") ? parent + child : parent + "." + child;
  }

  /** Element {@code index} of the list at {@code list}: {@code minerRanges[2]}. */
  public static String element(String list, int index) {
    return list + "[" + index + "]";
  }

  /**
   * Element {@code index} of the list at {@code list}, then {@code child}: {@code miners[2].id}.
   */
  public static String element(String list, int index, String child) {
    return join(element(list, index), child);
  }

  /** Where a YAML parser is: the field or list element it reads, or the one it has just closed. */
  static String of(JsonStreamContext context) {
    Deque<String> segments = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray() && c.hasCurrentIndex()) {
        segments.addFirst("[" + c.getCurrentIndex() + "]");
      } else if (c.inObject() && c.getCurrentName() != null) {
        segments.addFirst(c.getCurrentName());
      }
    }
    String path = "";
    for (String segment : segments) {
      path = join(path, segment);
    }
    return path;
  }

  /** The path Jackson reports for a mapping error. */
  static String of(List<JsonMappingException.Reference> references) {
    String path = "";
    for (JsonMappingException.Reference reference : references) {
      path =
          reference.getFieldName() != null
              ? join(path, reference.getFieldName())
              : reference.getIndex() >= 0 ? element(path, reference.getIndex()) : path;
    }
    return path;
  }

  /** The path as shown in a message: the document itself is {@code config}. */
  static String shown(String path) {
    return path.isEmpty() ? "config" : path;
  }
}
