package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reply sections several firmware share: the cgminer summary and share counters, pools, fans. */
final class CgminerSections {

  static final String[] POOL_URLS = {
    "stratum+tcp://stratum.flarewatch-pool.example:3333",
    "stratum+tcp://backup1.flarewatch-pool.example:3333",
    "stratum+tcp://backup2.flarewatch-pool.example:443"
  };

  private final MinerMoment at;
  private final MinerModel m;
  private final ReplyEnvelope envelope;

  CgminerSections(MinerMoment at, ReplyEnvelope envelope) {
    this.at = at;
    this.m = at.miner();
    this.envelope = envelope;
  }

  /** {@code SUMMARY[0]} of bmminer / LUXminer: GH/s rates, LuxOS adds its {@code Mode}. */
  ObjectNode summary(boolean antminer) {
    ObjectNode s = ReplyEnvelope.JSON.objectNode();
    s.put("Elapsed", at.elapsed());
    s.put("GHS 5s", m.ghs);
    s.put("GHS av", m.averageGhs());
    s.put("GHS 30m", m.averageGhs());
    if (!antminer) {
      s.put("Mode", m.sleeping ? "sleep" : "normal");
    }
    shareCounters(s);
    return s;
  }

  /** The share and work counters every cgminer-based summary ends with. */
  void shareCounters(ObjectNode s) {
    double minutes = Math.max(1, at.elapsed()) / 60.0;
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
    s.put("Network Blocks", 120 + at.tick() / 600);
    s.put("Total MH", MinerModel.round2(m.averageGhs() * 1000 * at.elapsed()));
    s.put("Work Utility", MinerModel.round2(m.accepted * 4.0 / minutes));
    s.put("Difficulty Accepted", m.accepted * 65536.0);
    s.put("Difficulty Rejected", m.rejected * 65536.0);
    s.put("Difficulty Stale", 0.0);
    s.put("Best Share", 1_203_456_789L + m.index);
    s.put("Device Hardware%", 0.0);
    s.put("Device Rejected%", rejectedPct());
    s.put("Pool Rejected%", rejectedPct());
    s.put("Pool Stale%", 0.0);
    s.put("Last getwork", at.when());
  }

  double rejectedPct() {
    long total = m.accepted + m.rejected;
    return total == 0 ? 0 : MinerModel.round2(100.0 * m.rejected / total);
  }

  /** {@code FANS[]}: Braiins numbers its entries with {@code FANS}, LuxOS does not. */
  ObjectNode fans(boolean braiins) {
    ArrayNode fans = ReplyEnvelope.JSON.arrayNode();
    for (int f = 0; f < MinerHardware.FANS; f++) {
      ObjectNode o = fans.addObject();
      if (braiins) {
        o.put("FANS", f);
      }
      o.put("ID", f);
      o.put("RPM", m.fanRpm[f]);
      o.put("Speed", Math.min(100, m.fanRpm[f] * 100 / 6600));
    }
    return envelope.section(202, "Fans", "FANS", fans);
  }

  /** The worker name a miner mines as. */
  static String worker(MinerModel m) {
    return "flarewatch." + m.id.replace("-", "");
  }

  /** {@code POOLS[]}: three pools, the first one active. */
  ObjectNode pools() {
    ArrayNode pools = ReplyEnvelope.JSON.arrayNode();
    for (int i = 0; i < POOL_URLS.length; i++) {
      ObjectNode p = pools.addObject();
      p.put("POOL", i);
      p.put("URL", POOL_URLS[i]);
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
      p.put("User", worker(m));
      p.put("Last Share Time", i == 0 && !m.sleeping ? at.when() : 0);
      p.put("Diff1 Shares", 0);
      p.put("Proxy Type", "");
      p.put("Proxy", "");
      p.put("Difficulty Accepted", i == 0 ? m.accepted * 65536.0 : 0.0);
      p.put("Difficulty Rejected", i == 0 ? m.rejected * 65536.0 : 0.0);
      p.put("Difficulty Stale", 0.0);
      p.put("Last Share Difficulty", 65536.0);
      p.put("Has Stratum", true);
      p.put("Stratum Active", i == 0);
      p.put("Stratum URL", i == 0 ? POOL_URLS[0].substring("stratum+tcp://".length()) : "");
      p.put("Has GBT", false);
      p.put("Best Share", i == 0 ? 1_203_456_789L + m.index : 0);
      p.put("Pool Rejected%", i == 0 ? rejectedPct() : 0.0);
      p.put("Pool Stale%", 0.0);
    }
    return envelope.section(7, POOL_URLS.length + " Pool(s)", "POOLS", pools);
  }
}
