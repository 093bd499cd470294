package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stock Antminer firmware: bmminer ({@link Flavour#ANTMINER}: GH/s in {@code SUMMARY} and {@code
 * STATS}, an info object before the stats object), or the newer cgminer 4.11 build ({@link
 * Flavour#ANTMINER_CHAIN_RATES}: one stats object, hashrate only per chain in {@code
 * chain[].rate_real}). No power reading, no sleep on this API.
 */
final class AntminerReplies {
  static final String BMMINER_VERSION = "1.0.0";
  static final String BMMINER_COMPILE_TIME = "Mon Nov 15 11:30:04 CST 2021";
  static final String CGMINER_VERSION = "4.11.1";
  static final String CGMINER_COMPILE_TIME = "Fri Mar 22 15:04:41 CST 2024";

  private final MinerMoment at;
  private final MinerModel m;
  private final boolean chainRatesOnly;
  private final ReplyEnvelope envelope;
  private final CgminerSections shared;

  AntminerReplies(MinerMoment at, boolean chainRatesOnly) {
    this.at = at;
    this.m = at.miner();
    this.chainRatesOnly = chainRatesOnly;
    this.envelope = new ReplyEnvelope(at.when(), description(chainRatesOnly));
    this.shared = new CgminerSections(at, envelope);
  }

  static String description(boolean chainRatesOnly) {
    return chainRatesOnly ? "cgminer " + CGMINER_VERSION : "bmminer " + BMMINER_VERSION;
  }

  /** The reply to a command, or null when this firmware does not know it. */
  ObjectNode reply(String command) {
    return switch (command) {
      case "version" -> version();
      case "summary" -> envelope.ok(11, "Summary", "SUMMARY", summary());
      case "pools" -> shared.pools();
      case "stats" -> chainRatesOnly ? chainStats() : bmminerStats();
      default -> null;
    };
  }

  private ObjectNode version() {
    ObjectNode v = ReplyEnvelope.JSON.objectNode();
    if (chainRatesOnly) {
      v.put("CGMiner", CGMINER_VERSION);
      v.put("API", "3.7");
      v.put("Miner", "1.0.1.3");
      v.put("CompileTime", CGMINER_COMPILE_TIME);
      v.put("Type", m.hardware.type);
      return envelope.ok(22, "CGMiner versions", "VERSION", v);
    }
    v.put("BMMiner", BMMINER_VERSION);
    v.put("API", "3.1");
    v.put("Miner", "uart_trans.1.3");
    v.put("CompileTime", BMMINER_COMPILE_TIME);
    v.put("Type", m.hardware.type);
    return envelope.ok(22, "BMMiner versions", "VERSION", v);
  }

  private ObjectNode summary() {
    if (!chainRatesOnly) {
      return shared.summary(true);
    }
    ObjectNode s = ReplyEnvelope.JSON.objectNode();
    s.put("Elapsed", at.elapsed());
    shared.shareCounters(s);
    return s;
  }

  /** bmminer: an info object, then the stats object with GH/s rates, fans and chains. */
  private ObjectNode bmminerStats() {
    ObjectNode info = ReplyEnvelope.JSON.objectNode();
    info.put("BMMiner", BMMINER_VERSION);
    info.put("Miner", "uart_trans.1.3");
    info.put("CompileTime", BMMINER_COMPILE_TIME);
    info.put("Type", m.hardware.type);
    ObjectNode s = statsHeader();
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
    addChains(s);
    s.put("miner_version", "uart_trans.1.3");
    s.put("miner_id", String.format("%016x", (long) m.index * 0x9E3779B1L + 0x1000));
    return envelope.ok(70, "BMMiner stats", "STATS", info, s);
  }

  /** The fields every Antminer stats object starts with. */
  private ObjectNode statsHeader() {
    ObjectNode s = ReplyEnvelope.JSON.objectNode();
    s.put("STATS", 0);
    s.put("ID", "BTM_SOC0");
    s.put("Elapsed", at.elapsed());
    s.put("Calls", 0);
    s.put("Wait", 0.0);
    s.put("Max", 0.0);
    s.put("Min", 99999999.0);
    return s;
  }

  /** cgminer 4.11: one stats object, no rate of the whole miner, a rate per chain. */
  private ObjectNode chainStats() {
    ObjectNode s = statsHeader();
    s.put("rate_unit", "GH/s");
    s.put("chain_num", MinerHardware.CHAINS);
    s.put("fan_num", MinerHardware.FANS);
    ArrayNode fans = s.putArray("fan");
    for (int f = 0; f < MinerHardware.FANS; f++) {
      fans.add(m.fanRpm[f]);
    }
    s.put("hwp_total", 0.0);
    s.put("miner-mode", m.sleeping ? 1 : 0);
    s.put("freq-level", 100);
    addChains(s);
    return envelope.ok(70, "CGMiner stats", "STATS", s);
  }

  private void addChains(ObjectNode s) {
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
  }
}
