package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Braiins OS legacy API (bosminer): MH/s, tuner power and power limit, pause and resume. */
final class BraiinsReplies {
  static final String BOSMINER_VERSION = "0.2.0-36c56a9363";
  static final String BOSER_VERSION = "boser-buildroot 0.1.0-0ce150e9";
  static final String DESCRIPTION = "BOSminer " + BOSMINER_VERSION;

  private final MinerMoment at;
  private final MinerModel m;
  private final ReplyEnvelope envelope;
  private final CgminerSections shared;

  BraiinsReplies(MinerMoment at) {
    this.at = at;
    this.m = at.miner();
    this.envelope = new ReplyEnvelope(at.when(), DESCRIPTION);
    this.shared = new CgminerSections(at, envelope);
  }

  /** The reply to a command, or null when this firmware does not know it. */
  ObjectNode reply(String command) {
    return switch (command) {
      case "version" -> version();
      case "summary" -> envelope.ok(11, "Summary", "SUMMARY", summary());
      case "devs" -> devs();
      case "tunerstatus" -> envelope.ok(1, "Tuner Status", "TUNERSTATUS", tunerStatus());
      case "temps" -> temps();
      case "fans" -> shared.fans(true);
      case "pools" -> shared.pools();
      case "pause" -> {
        if (at.faults().authFailure()) {
          yield envelope.error(45, "Access denied to 'pause' command");
        }
        at.sleep();
        ObjectNode p = ReplyEnvelope.JSON.objectNode();
        p.put("PAUSE", "Paused");
        yield envelope.ok(300, "Mining paused", "PAUSE", p);
      }
      case "resume" -> {
        if (at.faults().authFailure()) {
          yield envelope.error(45, "Access denied to 'resume' command");
        }
        at.wake();
        ObjectNode p = ReplyEnvelope.JSON.objectNode();
        p.put("RESUME", "Resumed");
        yield envelope.ok(301, "Mining resumed", "RESUME", p);
      }
      default -> null;
    };
  }

  /** {@code VERSION[0].BOSminer} on even-numbered miners, {@code .BOSer} on the others. */
  private ObjectNode version() {
    ObjectNode v = ReplyEnvelope.JSON.objectNode();
    if (m.index % 2 == 0) {
      v.put("BOSminer", BOSMINER_VERSION);
    } else {
      v.put("BOSer", BOSER_VERSION);
    }
    v.put("API", "3.7");
    return envelope.ok(22, "BOSminer versions", "VERSION", v);
  }

  private ObjectNode summary() {
    ObjectNode s = ReplyEnvelope.JSON.objectNode();
    s.put("Elapsed", at.elapsed());
    s.put("MHS av", MinerModel.round2(m.averageGhs() * 1000));
    s.put("MHS 5s", m.mhs);
    s.put("MHS 1m", m.mhs);
    s.put("MHS 5m", m.mhs);
    s.put("MHS 15m", m.mhs);
    shared.shareCounters(s);
    return s;
  }

  /** One device per hash chain, with its MH/s. */
  private ObjectNode devs() {
    ArrayNode devs = ReplyEnvelope.JSON.arrayNode();
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
      d.put("Device Rejected%", shared.rejectedPct());
      d.put("Device Elapsed", at.elapsed());
    }
    return envelope.section(9, MinerHardware.CHAINS + " ASC(s)", "DEVS", devs);
  }

  private ObjectNode tunerStatus() {
    ObjectNode t = ReplyEnvelope.JSON.objectNode();
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
      ch.put("StageElapsed", at.elapsed());
      ch.put("Status", m.sleeping ? "Paused" : "Stable");
      ch.put("TunerRunning", false);
    }
    t.put("TunerMode", "PowerTarget");
    return t;
  }

  private ObjectNode temps() {
    ArrayNode temps = ReplyEnvelope.JSON.arrayNode();
    for (int c = 0; c < MinerHardware.CHAINS; c++) {
      ObjectNode t = temps.addObject();
      t.put("TEMPS", c);
      t.put("ID", c);
      t.put("Board", (double) m.boardTemps[c]);
      t.put("Chip", (double) m.chipTemps[c]);
    }
    return envelope.section(201, "Temperatures", "TEMPS", temps);
  }
}
