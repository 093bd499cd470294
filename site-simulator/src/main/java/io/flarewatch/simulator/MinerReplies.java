package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Builds the reply object of one CGMiner-style command for one miner, per firmware flavour, and
 * executes the commands that change state (pause, resume, logon, curtail, ...). Called under the
 * site model's lock.
 */
final class MinerReplies {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final String ANTMINER_VERSION = "1.0.0";
  static final String ANTMINER_COMPILE_TIME = "Mon Nov 15 11:30:04 CST 2021";
  static final String BOSMINER_VERSION = "0.2.0-36c56a9363";
  static final String BOSER_VERSION = "boser-buildroot 0.1.0-0ce150e9";
  static final String LUXMINER_VERSION = "2024.5.1.155512-6ebc6b3a";

  private final MinerModel m;
  private final long tick;
  private final Instant now;
  private final long elapsed;
  private final long when;

  MinerReplies(MinerModel miner, long tick, Instant now) {
    this.m = miner;
    this.tick = tick;
    this.now = now;
    this.elapsed = miner.uptimeSeconds(tick);
    this.when = now.getEpochSecond();
  }

  /** The reply object of one command: STATUS, the command's section(s), id. */
  ObjectNode reply(String command, String parameter) {
    ObjectNode r =
        switch (m.flavour) {
          case ANTMINER -> antminer(command);
          case BRAIINS -> braiins(command);
          case LUXOS -> luxos(command, parameter);
        };
    return r != null ? r : error(14, "Invalid command");
  }

  // ---------------------------------------------------------------- Antminer (bmminer)

  private ObjectNode antminer(String command) {
    return switch (command) {
      case "version" -> {
        ObjectNode v = JSON.objectNode();
        v.put("BMMiner", ANTMINER_VERSION);
        v.put("API", "3.1");
        v.put("Miner", "uart_trans.1.3");
        v.put("CompileTime", ANTMINER_COMPILE_TIME);
        v.put("Type", m.hardware.type);
        yield ok(22, "BMMiner versions", "VERSION", v);
      }
      case "summary" -> ok(11, "Summary", "SUMMARY", cgminerSummary(true));
      case "pools" -> pools();
      case "stats" -> {
        ObjectNode info = JSON.objectNode();
        info.put("BMMiner", ANTMINER_VERSION);
        info.put("Miner", "uart_trans.1.3");
        info.put("CompileTime", ANTMINER_COMPILE_TIME);
        info.put("Type", m.hardware.type);
        ObjectNode s = JSON.objectNode();
        s.put("STATS", 0);
        s.put("ID", "BTM_SOC0");
        s.put("Elapsed", elapsed);
        s.put("Calls", 0);
        s.put("Wait", 0.0);
        s.put("Max", 0.0);
        s.put("Min", 99999999.0);
        s.put("GHS 5s", m.ghs);
        s.put("GHS av", m.averageGhs());
        s.put("rate_30m", m.averageGhs());
        s.put("Mode", 2);
        s.put("miner_count", MinerHardware.CHAINS);
        s.put("frequency", 525);
        s.put("fan_num", MinerHardware.FANS);
        for (int f = 0; f < MinerHardware.FANS; f++) {
          s.put("fan" + (f + 1), m.fanRpm[f]);
        }
        s.put("temp_num", MinerHardware.CHAINS);
        s.put("total_rateideal", MinerModel.round2(m.nominalThs * 1000));
        s.put("rate_unit", "GH/s");
        s.put("total_freqavg", 525.0);
        s.put("total_acn", MinerHardware.CHAINS * m.hardware.asicsPerChain);
        s.put("total rate", m.ghs);
        s.put("temp_max", m.maxChipTemp());
        s.put("no_matching_work", 0);
        ArrayNode chains = s.putArray("chain");
        for (int c = 0; c < MinerHardware.CHAINS; c++) {
          ObjectNode ch = chains.addObject();
          ch.put("index", c);
          ch.put("freq_avg", 525);
          ch.put("rate_ideal", MinerModel.round2(m.nominalThs * 1000 * (c == 1 ? 0.34 : 0.33)));
          ch.put("rate_real", m.chainGhs(c));
          ch.put("asic_num", m.hardware.asicsPerChain);
          ArrayNode pic = ch.putArray("temp_pic");
          ArrayNode pcb = ch.putArray("temp_pcb");
          ArrayNode chip = ch.putArray("temp_chip");
          for (int corner = 0; corner < 4; corner++) {
            int spread = corner == 2 ? 0 : corner + 1;
            pic.add(m.boardTemps[c] - 2 - spread);
            pcb.add(m.boardTemps[c] - spread);
            chip.add(m.chipTemps[c] - spread);
          }
          ch.put("hw", m.hardwareErrors / MinerHardware.CHAINS);
          ch.put("eeprom_loaded", true);
          ch.put("sn", String.format("JYZZ%02d%04dC%d", c, m.index + 1, c));
          ch.put("sensor_num", 4);
        }
        s.put("miner_version", "uart_trans.1.3");
        s.put("miner_id", String.format("%016x", (long) m.index * 0x9E3779B1L + 0x1000));
        ArrayNode arr = JSON.arrayNode();
        arr.add(info);
        arr.add(s);
        yield withSection(status("S", 70, "BMMiner stats", description()), "STATS", arr);
      }
      default -> null;
    };
  }

  // ---------------------------------------------------------------- Braiins OS (bosminer)

  private ObjectNode braiins(String command) {
    return switch (command) {
      case "version" -> {
        ObjectNode v = JSON.objectNode();
        if (m.index % 2 == 0) {
          v.put("BOSminer", BOSMINER_VERSION);
        } else {
          v.put("BOSer", BOSER_VERSION);
        }
        v.put("API", "3.7");
        yield ok(22, "BOSminer versions", "VERSION", v);
      }
      case "summary" -> ok(11, "Summary", "SUMMARY", braiinsSummary());
      case "devs" -> {
        ArrayNode devs = JSON.arrayNode();
        for (int c = 0; c < MinerHardware.CHAINS; c++) {
          ObjectNode d = devs.addObject();
          double chainMhs = MinerModel.round2(m.chainGhs(c) * 1000);
          d.put("ASC", c);
          d.put("Name", "BC5");
          d.put("ID", c);
          d.put("Enabled", "Y");
          d.put("Status", m.sleeping ? "Disabled" : "Alive");
          d.put("Temperature", (double) m.boardTemps[c]);
          d.put("MHS av", MinerModel.round2(m.averageGhs() * 1000 * (c == 1 ? 0.34 : 0.33)));
          d.put("MHS 5s", chainMhs);
          d.put("MHS 1m", chainMhs);
          d.put("MHS 5m", chainMhs);
          d.put("MHS 15m", chainMhs);
          d.put("Nominal MHS", MinerModel.round2(m.nominalThs * 1e6 * (c == 1 ? 0.34 : 0.33)));
          d.put("Accepted", m.accepted / MinerHardware.CHAINS);
          d.put("Rejected", m.rejected / MinerHardware.CHAINS);
          d.put("Hardware Errors", m.hardwareErrors / MinerHardware.CHAINS);
          d.put("Device Hardware%", 0.0);
          d.put("Device Rejected%", rejectedPct());
          d.put("Device Elapsed", elapsed);
        }
        yield withSection(
            status("S", 9, MinerHardware.CHAINS + " ASC(s)", description()), "DEVS", devs);
      }
      case "tunerstatus" -> {
        ObjectNode t = JSON.objectNode();
        t.put("ApproximateChainPowerConsumption", Math.max(0, m.powerWatts - 60));
        t.put("ApproximateMinerPowerConsumption", m.powerWatts);
        t.put("DynamicPowerScaling", "Disabled");
        t.put("PowerLimit", m.hardware.powerLimitWatts());
        ArrayNode chains = t.putArray("TunerChainStatus");
        for (int c = 0; c < MinerHardware.CHAINS; c++) {
          ObjectNode ch = chains.addObject();
          ch.put("ApproximatePowerConsumptionWatt", Math.max(0, m.powerWatts - 60) / 3);
          ch.put("HashchainIndex", c);
          ch.put("Iteration", 0);
          ch.put("LoadedProfile", true);
          ch.put("PowerLimitWatt", m.hardware.powerLimitWatts() / 3);
          ch.put("StageElapsed", elapsed);
          ch.put("Status", m.sleeping ? "Paused" : "Stable");
          ch.put("TunerRunning", false);
        }
        t.put("TunerMode", "PowerTarget");
        yield ok(1, "Tuner Status", "TUNERSTATUS", t);
      }
      case "temps" -> {
        ArrayNode temps = JSON.arrayNode();
        for (int c = 0; c < MinerHardware.CHAINS; c++) {
          ObjectNode t = temps.addObject();
          t.put("TEMPS", c);
          t.put("ID", c);
          t.put("Board", (double) m.boardTemps[c]);
          t.put("Chip", (double) m.chipTemps[c]);
        }
        yield withSection(status("S", 201, "Temperatures", description()), "TEMPS", temps);
      }
      case "fans" -> withSection(status("S", 202, "Fans", description()), "FANS", fans(true));
      case "pools" -> pools();
      case "pause" -> {
        m.sleep();
        ObjectNode p = JSON.objectNode();
        p.put("PAUSE", "Paused");
        yield ok(300, "Mining paused", "PAUSE", p);
      }
      case "resume" -> {
        m.wake();
        ObjectNode p = JSON.objectNode();
        p.put("RESUME", "Resumed");
        yield ok(301, "Mining resumed", "RESUME", p);
      }
      default -> null;
    };
  }

  private ObjectNode braiinsSummary() {
    ObjectNode s = JSON.objectNode();
    s.put("Elapsed", elapsed);
    s.put("MHS av", MinerModel.round2(m.averageGhs() * 1000));
    s.put("MHS 5s", m.mhs);
    s.put("MHS 1m", m.mhs);
    s.put("MHS 5m", m.mhs);
    s.put("MHS 15m", m.mhs);
    shareCounters(s);
    return s;
  }

  // ---------------------------------------------------------------- LuxOS

  private ObjectNode luxos(String command, String parameter) {
    return switch (command) {
      case "version" -> {
        ObjectNode v = JSON.objectNode();
        v.put("API", "3.7");
        v.put("CompileTime", "Fri May 3 15:55:12 UTC 2024");
        v.put("LUXminer", LUXMINER_VERSION);
        v.put("Miner", LUXMINER_VERSION);
        v.put("Type", m.hardware.type);
        yield ok(22, "LUXminer versions", "VERSION", v);
      }
      case "summary" -> ok(11, "Summary", "SUMMARY", cgminerSummary(false));
      case "stats" -> {
        ObjectNode info = JSON.objectNode();
        info.put("LUXminer", LUXMINER_VERSION);
        info.put("Miner", LUXMINER_VERSION);
        info.put("CompileTime", "Fri May 3 15:55:12 UTC 2024");
        info.put("Type", m.hardware.type);
        ObjectNode s = JSON.objectNode();
        s.put("STATS", 0);
        s.put("ID", "LUX0");
        s.put("Elapsed", elapsed);
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
        ArrayNode arr = JSON.arrayNode();
        arr.add(info);
        arr.add(s);
        yield withSection(status("S", 70, "LUXminer stats", description()), "STATS", arr);
      }
      case "power" -> {
        ObjectNode p = JSON.objectNode();
        p.put("PSU", true);
        p.put("Watts", m.powerWatts);
        yield ok(1, "Power", "POWER", p);
      }
      case "fans" -> withSection(status("S", 202, "Fans", description()), "FANS", fans(false));
      case "temps" -> {
        ArrayNode temps = JSON.arrayNode();
        for (int c = 0; c < MinerHardware.CHAINS; c++) {
          ObjectNode t = temps.addObject();
          t.put("ID", c);
          t.put("Board", (double) m.boardTemps[c]);
          t.put("Chip", (double) m.chipTemps[c]);
        }
        yield withSection(status("S", 201, "Temperatures", description()), "TEMPS", temps);
      }
      case "pools" -> pools();
      case "logon" -> {
        String sid = m.logon(now);
        if (sid == null) {
          yield error(45, "Another session is active");
        }
        ObjectNode s = JSON.objectNode();
        s.put("SessionID", sid);
        yield ok(1, "Session created", "SESSION", s);
      }
      case "session" -> {
        String sid = m.activeSession(now);
        ObjectNode s = JSON.objectNode();
        s.put("SessionID", sid == null ? "" : sid);
        yield ok(1, "Session", "SESSION", s);
      }
      case "logoff" -> {
        if (!m.logoff(firstParameter(parameter), now)) {
          yield error(45, "Invalid session id");
        }
        ObjectNode s = JSON.objectNode();
        s.put("SessionID", "");
        yield ok(1, "Session closed", "SESSION", s);
      }
      case "curtail" -> curtail(parameter);
      case "rebootdevice" -> {
        if (!m.useSession(firstParameter(parameter), now)) {
          yield error(45, "Invalid session id");
        }
        m.reboot(tick);
        ObjectNode r = JSON.objectNode();
        r.put("Reboot", true);
        yield ok(1, "Rebooting", "REBOOT", r);
      }
      default -> null;
    };
  }

  private ObjectNode curtail(String parameter) {
    String[] parts = parameter == null ? new String[0] : parameter.split(",", -1);
    if (parts.length < 1 || !m.useSession(parts[0].trim(), now)) {
      return error(45, "Invalid session id");
    }
    String action = parts.length < 2 ? "" : parts[1].trim();
    switch (action) {
      case "sleep" -> m.sleep();
      case "wakeup" -> m.wake();
      default -> {
        return error(16, "Invalid curtail action '" + action + "' (expected sleep or wakeup)");
      }
    }
    ObjectNode c = JSON.objectNode();
    c.put("Action", action);
    return ok(1, "Curtail " + action, "CURTAIL", c);
  }

  private static String firstParameter(String parameter) {
    return parameter == null ? "" : parameter.split(",", -1)[0].trim();
  }

  // ---------------------------------------------------------------- shared sections

  private ObjectNode cgminerSummary(boolean antminer) {
    ObjectNode s = JSON.objectNode();
    s.put("Elapsed", elapsed);
    s.put("GHS 5s", m.ghs);
    s.put("GHS av", m.averageGhs());
    s.put("GHS 30m", m.averageGhs());
    if (!antminer) {
      s.put("Mode", m.sleeping ? "sleep" : "normal");
    }
    shareCounters(s);
    return s;
  }

  private void shareCounters(ObjectNode s) {
    double minutes = Math.max(1, elapsed) / 60.0;
    s.put("Found Blocks", 0);
    s.put("Getworks", m.accepted / 20 + 10);
    s.put("Accepted", m.accepted);
    s.put("Rejected", m.rejected);
    s.put("Hardware Errors", m.hardwareErrors);
    s.put("Utility", MinerModel.round2(m.accepted / minutes));
    s.put("Discarded", m.accepted / 4);
    s.put("Stale", 0);
    s.put("Get Failures", 0);
    s.put("Local Work", m.accepted * 3);
    s.put("Remote Failures", 0);
    s.put("Network Blocks", 120 + tick / 600);
    s.put("Total MH", MinerModel.round2(m.averageGhs() * 1000 * elapsed));
    s.put("Work Utility", MinerModel.round2(m.accepted * 4.0 / minutes));
    s.put("Difficulty Accepted", m.accepted * 65536.0);
    s.put("Difficulty Rejected", m.rejected * 65536.0);
    s.put("Difficulty Stale", 0.0);
    s.put("Best Share", 1_203_456_789L + m.index);
    s.put("Device Hardware%", 0.0);
    s.put("Device Rejected%", rejectedPct());
    s.put("Pool Rejected%", rejectedPct());
    s.put("Pool Stale%", 0.0);
    s.put("Last getwork", when);
  }

  private double rejectedPct() {
    long total = m.accepted + m.rejected;
    return total == 0 ? 0 : MinerModel.round2(100.0 * m.rejected / total);
  }

  private ArrayNode fans(boolean braiins) {
    ArrayNode fans = JSON.arrayNode();
    for (int f = 0; f < MinerHardware.FANS; f++) {
      ObjectNode o = fans.addObject();
      if (braiins) {
        o.put("FANS", f);
      }
      o.put("ID", f);
      o.put("RPM", m.fanRpm[f]);
      o.put("Speed", Math.min(100, m.fanRpm[f] * 100 / 6600));
    }
    return fans;
  }

  private ObjectNode pools() {
    ArrayNode pools = JSON.arrayNode();
    String[] urls = {
      "stratum+tcp://stratum.flarewatch-pool.example:3333",
      "stratum+tcp://backup1.flarewatch-pool.example:3333",
      "stratum+tcp://backup2.flarewatch-pool.example:443"
    };
    for (int i = 0; i < urls.length; i++) {
      ObjectNode p = pools.addObject();
      p.put("POOL", i);
      p.put("URL", urls[i]);
      p.put("Status", "Alive");
      p.put("Priority", i);
      p.put("Quota", 1);
      p.put("Long Poll", "N");
      p.put("Getworks", i == 0 ? m.accepted / 20 + 10 : 1);
      p.put("Accepted", i == 0 ? m.accepted : 0);
      p.put("Rejected", i == 0 ? m.rejected : 0);
      p.put("Works", i == 0 ? m.accepted * 3 : 0);
      p.put("Discarded", 0);
      p.put("Stale", 0);
      p.put("Get Failures", 0);
      p.put("Remote Failures", 0);
      p.put("User", "flarewatch." + m.id.replace("-", ""));
      p.put("Last Share Time", i == 0 && !m.sleeping ? when : 0);
      p.put("Diff1 Shares", 0);
      p.put("Proxy Type", "");
      p.put("Proxy", "");
      p.put("Difficulty Accepted", i == 0 ? m.accepted * 65536.0 : 0.0);
      p.put("Difficulty Rejected", i == 0 ? m.rejected * 65536.0 : 0.0);
      p.put("Difficulty Stale", 0.0);
      p.put("Last Share Difficulty", 65536.0);
      p.put("Has Stratum", true);
      p.put("Stratum Active", i == 0);
      p.put("Stratum URL", i == 0 ? urls[0].substring("stratum+tcp://".length()) : "");
      p.put("Has GBT", false);
      p.put("Best Share", i == 0 ? 1_203_456_789L + m.index : 0);
      p.put("Pool Rejected%", i == 0 ? rejectedPct() : 0.0);
      p.put("Pool Stale%", 0.0);
    }
    return withSection(status("S", 7, urls.length + " Pool(s)", description()), "POOLS", pools);
  }

  private String description() {
    return switch (m.flavour) {
      case ANTMINER -> "bmminer " + ANTMINER_VERSION;
      case BRAIINS -> "BOSminer " + BOSMINER_VERSION;
      case LUXOS -> "LUXminer " + LUXMINER_VERSION;
    };
  }

  private ObjectNode ok(int code, String msg, String section, ObjectNode body) {
    ArrayNode arr = JSON.arrayNode();
    arr.add(body);
    return withSection(status("S", code, msg, description()), section, arr);
  }

  ObjectNode error(int code, String msg) {
    ObjectNode r = JSON.objectNode();
    r.set("STATUS", status("E", code, msg, description()));
    r.put("id", 1);
    return r;
  }

  private ObjectNode withSection(ArrayNode status, String section, ArrayNode body) {
    ObjectNode r = JSON.objectNode();
    r.set("STATUS", status);
    r.set(section, body);
    r.put("id", 1);
    return r;
  }

  private ArrayNode status(String s, int code, String msg, String description) {
    ArrayNode arr = JSON.arrayNode();
    ObjectNode o = arr.addObject();
    o.put("STATUS", s);
    o.put("When", when);
    o.put("Code", code);
    o.put("Msg", msg);
    o.put("Description", description);
    return arr;
  }

  /** A STATUS E reply for a request that could not be understood (no miner state needed). */
  static ObjectNode requestError(int code, String msg, long when) {
    ObjectNode r = JSON.objectNode();
    ArrayNode arr = r.putArray("STATUS");
    ObjectNode o = arr.addObject();
    o.put("STATUS", "E");
    o.put("When", when);
    o.put("Code", code);
    o.put("Msg", msg);
    o.put("Description", "");
    r.put("id", 1);
    return r;
  }
}
