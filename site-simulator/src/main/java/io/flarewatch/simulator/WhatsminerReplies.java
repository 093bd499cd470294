package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * MicroBT Whatsminer (btminer) API v2 reads, in plaintext as the firmware answers them: the
 * cgminer-style {@code summary}, {@code devs}, {@code edevs}, {@code devdetails} and {@code pools}
 * (STATUS array, {@code Description} "btminer"), and the v2-style {@code get_version}, {@code
 * get_miner_info}, {@code status} and {@code get_token} (a STATUS letter, {@code Msg} an object).
 * Newer firmware refuses {@code version}. Writes are {@link WhatsminerWrites}.
 */
final class WhatsminerReplies {
  static final String DESCRIPTION = "btminer";
  static final String API_VERSION = "2.0.5";
  static final String FIRMWARE_VERSION = "20230911.12.Rel";

  /** Ambient air the simulated site breathes, as {@code Env Temp} reports it. */
  static final double ENV_TEMP_C = MinerModel.AMBIENT_C;

  private final MinerMoment at;
  private final MinerModel m;
  private final ReplyEnvelope envelope;
  private final CgminerSections shared;

  WhatsminerReplies(MinerMoment at) {
    this.at = at;
    this.m = at.miner();
    this.envelope = new ReplyEnvelope(at.when(), DESCRIPTION);
    this.shared = new CgminerSections(at, envelope);
  }

  /** The reply to a read command; unknown commands get the firmware's "invalid cmd". */
  ObjectNode reply(String command) {
    return switch (command) {
      case "summary" -> envelope.ok(11, "Summary", "SUMMARY", summary());
      case "devs", "edevs" -> envelope.section(9, MinerHardware.CHAINS + " ASC(s)", "DEVS", devs());
      case "devdetails" -> devdetails();
      case "pools" -> pools();
      case "get_version" -> v2(at.when(), "S", 131, version());
      case "get_miner_info" -> v2(at.when(), "S", 131, minerInfo());
      case "status" -> v2(at.when(), "S", 131, status());
      case "get_token" -> token();
      default -> v2(at.when(), "E", 14, TextNode.valueOf("invalid cmd"));
    };
  }

  /** The Whatsminer model of the simulated hardware class (same hashrate and efficiency class). */
  static String model(MinerHardware hardware) {
    return switch (hardware) {
      case S19 -> "M30S";
      case S19J_PRO -> "M30S+";
      case S19_PRO -> "M30S++";
      case S19_XP -> "M50S";
    };
  }

  /** The limit {@code Power Limit} shows when none was set: the model's ceiling. */
  static int factoryPowerLimit(MinerModel m) {
    return m.hardware.powerLimitWatts();
  }

  /** The v2 reply frame: {@code STATUS} a letter, {@code Msg} text or an object. */
  static ObjectNode v2(long when, String status, int code, JsonNode msg) {
    ObjectNode r = ReplyEnvelope.JSON.objectNode();
    r.put("STATUS", status);
    r.put("When", when);
    r.put("Code", code);
    r.set("Msg", msg);
    r.put("Description", "");
    return r;
  }

  private ObjectNode summary() {
    double mhsAv = MinerModel.round2(m.averageGhs() * 1000);
    ObjectNode s = ReplyEnvelope.JSON.objectNode();
    s.put("Elapsed", at.elapsed());
    s.put("MHS av", mhsAv);
    s.put("MHS 5s", m.mhs);
    s.put("MHS 1m", m.mhs);
    s.put("MHS 5m", m.mhs);
    s.put("MHS 15m", m.mhs);
    s.put("HS RT", m.mhs);
    s.put("Accepted", m.accepted);
    s.put("Rejected", m.rejected);
    s.put("Total MH", MinerModel.round2(mhsAv * at.elapsed()));
    s.put("Temperature", (double) m.maxBoardTemp());
    s.put("freq_avg", m.sleeping ? 0 : 595);
    s.put("Fan Speed In", m.fanRpm[0]);
    s.put("Fan Speed Out", m.fanRpm[1]);
    s.put("Power", m.powerWatts);
    s.put("Power Rate", m.hashrateThs > 0 ? MinerModel.round2(m.powerWatts / m.hashrateThs) : 0);
    s.put("Pool Rejected%", shared.rejectedPct());
    s.put("Pool Stale%", 0.0);
    s.put("Last getwork", at.when());
    s.put("Uptime", at.elapsed());
    s.put("Security Mode", 0);
    s.put("Hash Stable", !m.sleeping);
    s.put("Hash Stable Cost Seconds", 1123);
    s.put("Hash Deviation%", 0.3);
    s.put("Target Freq", 595);
    s.put("Target MHS", m.sleeping ? 0 : Math.round(m.nominalThs * 1e6));
    s.put("Env Temp", ENV_TEMP_C);
    s.put("Power Mode", "Normal");
    s.put("Factory GHS", Math.round(m.nominalThs * 1000));
    s.put("Power Limit", m.powerLimitWatts > 0 ? m.powerLimitWatts : factoryPowerLimit(m));
    s.put("Chip Temp Min", (double) minChipTemp());
    s.put("Chip Temp Max", (double) m.maxChipTemp());
    s.put("Chip Temp Avg", (double) m.maxChipTemp() - 1);
    s.put("Btminer Fast Boot", "disable");
    s.put("Upfreq Complete", m.sleeping ? 0 : 1);
    return s;
  }

  private ArrayNode devs() {
    ArrayNode devs = ReplyEnvelope.JSON.arrayNode();
    for (int c = 0; c < MinerHardware.CHAINS; c++) {
      double chainMhs = MinerModel.round2(m.chainGhs(c) * 1000);
      ObjectNode d = devs.addObject();
      d.put("ASC", c);
      d.put("Slot", c);
      d.put("Enabled", "Y");
      d.put("Status", m.sleeping ? "Initialising" : "Alive");
      d.put("Temperature", (double) m.boardTemps[c]);
      d.put("Chip Frequency", m.sleeping ? 0 : 595);
      d.put("Fan Speed In", m.fanRpm[0]);
      d.put("Fan Speed Out", m.fanRpm[1]);
      d.put("MHS av", MinerModel.round2(m.averageGhs() * 1000 * (c == 1 ? 0.34 : 0.33)));
      d.put("MHS 5s", chainMhs);
      d.put("MHS 1m", chainMhs);
      d.put("MHS 5m", chainMhs);
      d.put("MHS 15m", chainMhs);
      d.put("HS RT", chainMhs);
      d.put("Accepted", m.accepted / MinerHardware.CHAINS);
      d.put("Rejected", m.rejected / MinerHardware.CHAINS);
      d.put("Hardware Errors", m.hardwareErrors / MinerHardware.CHAINS);
      d.put("Upfreq Complete", m.sleeping ? 0 : 1);
      d.put("Effective Chips", m.sleeping ? 0 : m.hardware.asicsPerChain);
      d.put("PCB SN", String.format("HEM%04dB%02d", m.index, c));
      d.put("Chip Temp Min", (double) m.chipTemps[c] - 8);
      d.put("Chip Temp Max", (double) m.chipTemps[c]);
      d.put("Chip Temp Avg", (double) m.chipTemps[c] - 3);
      d.put("chip_vol_diff", 10);
    }
    return devs;
  }

  private ObjectNode devdetails() {
    ArrayNode details = ReplyEnvelope.JSON.arrayNode();
    for (int c = 0; c < MinerHardware.CHAINS; c++) {
      ObjectNode d = details.addObject();
      d.put("DEVDETAILS", c);
      d.put("Name", "SM");
      d.put("ID", c);
      d.put("Driver", "bitmicro");
      d.put("Kernel", "");
      d.put("Model", model(m.hardware) + "VE40");
    }
    return envelope.section(69, "Device Details", "DEVDETAILS", details);
  }

  /** The shared pool list, numbered from 1 as btminer numbers its pools. */
  private ObjectNode pools() {
    ObjectNode reply = shared.pools();
    for (JsonNode pool : reply.get("POOLS")) {
      ((ObjectNode) pool).put("POOL", pool.get("POOL").asInt() + 1);
    }
    return reply;
  }

  private ObjectNode version() {
    ObjectNode v = ReplyEnvelope.JSON.objectNode();
    v.put("api_ver", API_VERSION);
    v.put("fw_ver", FIRMWARE_VERSION);
    v.put("platform", "H6OS");
    v.put("chip", "K210");
    return v;
  }

  private ObjectNode minerInfo() {
    ObjectNode i = ReplyEnvelope.JSON.objectNode();
    i.put("ip", "127.0.0.1");
    i.put("proto", "dhcp");
    i.put("netmask", "255.255.255.0");
    i.put("gateway", "127.0.0.1");
    i.put("dns", "127.0.0.1");
    i.put("hostname", "WhatsMiner");
    i.put(
        "mac", String.format("C4:11:04:%02X:%02X:%02X", 0, (m.index >> 8) & 0xFF, m.index & 0xFF));
    i.put("ledstat", "auto");
    i.put("minersn", String.format("HEM%06d", m.index));
    return i;
  }

  private ObjectNode status() {
    ObjectNode s = ReplyEnvelope.JSON.objectNode();
    s.put("mineroff", m.sleeping ? "true" : "false");
    s.put("mineroff_reason", m.sleeping ? "by whatsminer api" : "");
    s.put("mineroff_time", "");
    s.put("FirmwareVersion", "'" + FIRMWARE_VERSION + "'");
    s.put("power_mode", "");
    s.put("hash_percent", "");
    return s;
  }

  private ObjectNode token() {
    WhatsminerTokens.Issued issued = m.whatsminerTokens.issue(at.now());
    if (issued == null) {
      return v2(at.when(), "E", 136, TextNode.valueOf("token over max times"));
    }
    ObjectNode t = ReplyEnvelope.JSON.objectNode();
    t.put("time", issued.time());
    t.put("salt", issued.salt());
    t.put("newsalt", issued.newSalt());
    return v2(at.when(), "S", 134, t);
  }

  private int minChipTemp() {
    int min = Integer.MAX_VALUE;
    for (int t : m.chipTemps) {
      min = Math.min(min, t);
    }
    return min - 8;
  }
}
