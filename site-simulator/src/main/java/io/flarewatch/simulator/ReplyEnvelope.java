package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The frame of every CGMiner-style reply: {@code STATUS} (S or E, {@code When}, {@code Code},
 * {@code Msg}, {@code Description}), the command's section, {@code id}.
 */
final class ReplyEnvelope {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final long when;
  private final String description;

  /**
   * @param when the {@code When} of the STATUS, epoch seconds
   * @param description the mining program, as {@code Description} names it
   */
  ReplyEnvelope(long when, String description) {
    this.when = when;
    this.description = description;
  }

  /** A STATUS S reply whose section holds these objects. */
  ObjectNode ok(int code, String msg, String section, ObjectNode... objects) {
    ArrayNode entries = JSON.arrayNode();
    for (ObjectNode object : objects) {
      entries.add(object);
    }
    return section(code, msg, section, entries);
  }

  /** A STATUS S reply whose section holds these entries. */
  ObjectNode section(int code, String msg, String section, ArrayNode entries) {
    ObjectNode r = JSON.objectNode();
    r.set("STATUS", status("S", code, msg));
    r.set(section, entries);
    r.put("id", 1);
    return r;
  }

  /** A STATUS E reply. */
  ObjectNode error(int code, String msg) {
    ObjectNode r = JSON.objectNode();
    r.set("STATUS", status("E", code, msg));
    r.put("id", 1);
    return r;
  }

  private ArrayNode status(String status, int code, String msg) {
    ArrayNode arr = JSON.arrayNode();
    ObjectNode o = arr.addObject();
    o.put("STATUS", status);
    o.put("When", when);
    o.put("Code", code);
    o.put("Msg", msg);
    o.put("Description", description);
    return arr;
  }
}
