package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * LuxOS (LUXminer): GH/s, power, the older stats layout, and writes (curtail, reboot, logoff) that
 * need the session {@code logon} opened.
 */
final class LuxosReplies {
  static final String LUXMINER_VERSION = "2024.5.1.155512-6ebc6b3a";
  static final String DESCRIPTION = "LUXminer " + LUXMINER_VERSION;
  private static final String COMPILE_TIME = "Fri May 3 15:55:12 UTC 2024";

  private final MinerMoment at;
  private final MinerModel m;
  private final ReplyEnvelope envelope;
  private final CgminerSections shared;

  LuxosReplies(MinerMoment at) {
    this.at = at;
    this.m = at.miner();
    this.envelope = new ReplyEnvelope(at.when(), DESCRIPTION);
    this.shared = new CgminerSections(at, envelope);
  }

  /** The reply to a command, or null when this firmware does not know it. */
  ObjectNode reply(String command, String parameter) {
    return switch (command) {
      case "version" -> version();
      case "summary" -> envelope.ok(11, "Summary", "SUMMARY", shared.summary(false));
      case "stats" -> stats();
      case "power" -> {
        ObjectNode p = ReplyEnvelope.JSON.objectNode();
        p.put("PSU", true);
        p.put("Watts", m.powerWatts);
        yield envelope.ok(1, "Power", "POWER", p);
      }
      case "fans" -> shared.fans(false);
      case "temps" -> temps();
      case "pools" -> shared.pools();
      case "logon" -> logon();
      case "session" -> session("Session", m.activeSession(at.now()));
      case "logoff" ->
          m.logoff(firstParameter(parameter), at.now())
              ? session("Session closed", null)
              : envelope.error(45, "Invalid session id");
      case "curtail" -> curtail(parameter);
      case "rebootdevice" -> reboot(parameter);
      default -> null;
    };
  }

  private ObjectNode version() {
    ObjectNode v = ReplyEnvelope.JSON.objectNode();
    v.put("API", "3.7");
    v.put("CompileTime", COMPILE_TIME);
    v.put("LUXminer", LUXMINER_VERSION);
    v.put("Miner", LUXMINER_VERSION);
    v.put("Type", m.hardware.type);
    return envelope.ok(22, "LUXminer versions", "VERSION", v);
  }

  /** The older Antminer layout: {@code fan1..}, {@code temp1..}, {@code chain_rate1..}. */
  private ObjectNode stats() {
    ObjectNode info = ReplyEnvelope.JSON.objectNode();
    info.put("LUXminer", LUXMINER_VERSION);
    info.put("Miner", LUXMINER_VERSION);
    info.put("CompileTime", COMPILE_TIME);
    info.put("Type", m.hardware.type);
    ObjectNode s = ReplyEnvelope.JSON.objectNode();
    s.put("STATS", 0);
    s.put("ID", "LUX0");
    s.put("Elapsed", at.elapsed());
    s.put("GHS 5s", m.ghs);
    s.put("GHS av", m.averageGhs());
    s.put("fan_num", MinerHardware.FANS);
    for (int f = 0; f < MinerHardware.FANS; f++) {
      s.put("fan" + (f + 1), m.fanRpm[f]);
    }
    s.put("temp_num", MinerHardware.CHAINS);
    for (int c = 0; c < MinerHardware.CHAINS; c++) {
      s.put("temp" + (c + 1), m.boardTemps[c]);
    }
    for (int c = 0; c < MinerHardware.CHAINS; c++) {
      s.put("temp2_" + (c + 1), m.chipTemps[c]);
    }
    for (int c = 0; c < MinerHardware.CHAINS; c++) {
      s.put("chain_acn" + (c + 1), m.hardware.asicsPerChain);
    }
    for (int c = 0; c < MinerHardware.CHAINS; c++) {
      s.put("chain_rate" + (c + 1), m.chainGhs(c));
    }
    s.put("total_rateideal", MinerModel.round2(m.nominalThs * 1000));
    s.put("rate_unit", "GH/s");
    return envelope.ok(70, "LUXminer stats", "STATS", info, s);
  }

  private ObjectNode temps() {
    ArrayNode temps = ReplyEnvelope.JSON.arrayNode();
    for (int c = 0; c < MinerHardware.CHAINS; c++) {
      ObjectNode t = temps.addObject();
      t.put("ID", c);
      t.put("Board", (double) m.boardTemps[c]);
      t.put("Chip", (double) m.chipTemps[c]);
    }
    return envelope.section(201, "Temperatures", "TEMPS", temps);
  }

  /** One session at a time: a second logon while one is active is refused. */
  private ObjectNode logon() {
    if (at.faults().authFailure()) {
      return envelope.error(45, "Access denied: logon refused");
    }
    if (at.faults().logonBusy()) {
      return envelope.error(45, "Another session is active");
    }
    String sid = m.logon(at.now());
    return sid == null
        ? envelope.error(45, "Another session is active")
        : session("Session created", sid);
  }

  private ObjectNode session(String msg, String sid) {
    ObjectNode s = ReplyEnvelope.JSON.objectNode();
    s.put("SessionID", sid == null ? "" : sid);
    return envelope.ok(1, msg, "SESSION", s);
  }

  /** {@code <sid>,sleep} or {@code <sid>,wakeup}. */
  private ObjectNode curtail(String parameter) {
    String[] parts = parameter == null ? new String[0] : parameter.split(",", -1);
    if (parts.length < 1 || !m.useSession(parts[0].trim(), at.now())) {
      return envelope.error(45, "Invalid session id");
    }
    String action = parts.length < 2 ? "" : parts[1].trim();
    switch (action) {
      case "sleep" -> at.sleep();
      case "wakeup" -> at.wake();
      default -> {
        return envelope.error(
            16, "Invalid curtail action '" + action + "' (expected sleep or wakeup)");
      }
    }
    ObjectNode c = ReplyEnvelope.JSON.objectNode();
    c.put("Action", action);
    return envelope.ok(1, "Curtail " + action, "CURTAIL", c);
  }

  private ObjectNode reboot(String parameter) {
    if (!m.useSession(firstParameter(parameter), at.now())) {
      return envelope.error(45, "Invalid session id");
    }
    m.reboot(at.tick());
    ObjectNode r = ReplyEnvelope.JSON.objectNode();
    r.put("Reboot", true);
    return envelope.ok(1, "Rebooting", "REBOOT", r);
  }

  private static String firstParameter(String parameter) {
    return parameter == null ? "" : parameter.split(",", -1)[0].trim();
  }
}
