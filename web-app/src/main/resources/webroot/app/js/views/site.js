import * as api from "../api.js";
import * as session from "../session.js";
import { el, num, withUnit, label, figures, age } from "../format.js";
import { chartCard, daySeries } from "../charts.js";
import { minerGrid } from "./miner-grid.js";

/**
 * Generator registers shown by name; a whole status or alarm word (`..._bits`) is no word; any
 * other field that is 1 is a named bit that is set.
 */
const GENERATOR_FIELDS = new Set(["id", "time", "up", "power_kw", "apparent_power_kva", "load_pct",
  "engine_rpm", "fuel_flow_scfh", "coolant_temp_c", "oil_pressure_kpa", "run_hours",
  "error", "error_detail", "registers_failed"]);

function alarmWords(generator) {
  return Object.entries(generator)
    .filter(([k, v]) => !GENERATOR_FIELDS.has(k) && !k.endsWith("_bits") && v === 1)
    .map(([k]) => label(k));
}

function generatorCard(g) {
  const words = alarmWords(g);
  const raw = typeof g.status_bits === "number" && g.status_bits !== 0
    ? "status bits 0b" + g.status_bits.toString(2) + " (the register map names no bits)" : null;
  return el("section", { class: "card", "aria-label": "Generator " + g.id },
    el("h2", { text: "Generator " + g.id + (g.up === 0 ? " — not answering" : "") }),
    figures([
      ["Power", withUnit(g.power_kw, "kW", 0), "power_kw"],
      ["Load", withUnit(g.load_pct, "%", 0), "load_pct"],
      ["Engine speed", withUnit(g.engine_rpm, "rpm", 0), "engine_rpm"],
      ["Coolant", withUnit(g.coolant_temp_c, "°C"), "coolant_temp_c"],
      ["Oil pressure", withUnit(g.oil_pressure_kpa, "kPa", 0), "oil_pressure_kpa"],
      ["Run hours", withUnit(g.run_hours, "h"), "run_hours"],
    ]),
    words.length || raw || g.error
      ? el("ul", { class: "words", "aria-label": "Alarms and status" },
        words.map((w) => el("li", { text: w })),
        raw ? el("li", { text: raw }) : null,
        g.error ? el("li", { text: "error: " + g.error }) : null)
      : el("p", { class: "muted", text: "No alarm bits set." }));
}

function gasCard(meters, summary) {
  const byRole = (role) => meters.filter((m) => m.role === role);
  const flow = (list) => list.length ? list.reduce((t, m) => t + (m.flow_rate_mscfd || 0), 0) : null;
  const engine = byRole("genset_fuel_meter");
  const flare = byRole("flare_meter");
  const pressure = engine.concat(flare).map((m) => m.pressure_psig).find((p) => p != null);
  return el("section", { class: "card", "aria-label": "Gas" },
    el("h2", { text: "Gas" }),
    figures([
      ["To engine", withUnit(flow(engine), "Mscf/d"), "engineFlow"],
      ["To flare", withUnit(flow(flare), "Mscf/d"), "flareFlow"],
      ["Pressure", withUnit(pressure, "psig"), "pressure_psig"],
      ["Capture today", withUnit(summary?.today?.capturePct, "%"), "capturePct"],
    ]));
}

function emissionsCard(site, summary) {
  if (!summary) return el("section", { class: "card" }, el("h2", { text: "Emissions" }), el("p", { class: "muted", text: "Not available." }));
  const month = summary.month;
  const methodology = el("button", { type: "button", text: "Methodology and parameters" });
  methodology.addEventListener("click", () => {
    const from = month.from.slice(0, 10);
    const to = new Date(Date.parse(month.to) + 86400000).toISOString().slice(0, 10);
    api.download("/api/v1/reports/emissions?site=" + encodeURIComponent(site) + "&from=" + from
      + "&to=" + to + "&period=month&format=csvw", site + "-" + from + "-emissions.csv-metadata.json")
      .catch((e) => methodology.after(el("p", { class: "error", text: e.message })));
  });
  return el("section", { class: "card", "aria-label": "Emissions" },
    el("h2", { text: "CO2e avoided" }),
    figures([
      ["Today", withUnit(summary.today.avoidedTco2e, "t", 3), "avoidedToday"],
      ["This month", withUnit(month.avoidedTco2e, "t", 2), "avoidedMonth"],
      ["Flaring baseline, month", withUnit(month.baselineTco2e, "t", 2), "baselineMonth"],
      ["Engine, month", withUnit(month.projectTco2e, "t", 2), "projectMonth"],
      ["Capture, month", withUnit(month.capturePct, "%"), "captureMonth"],
    ]),
    el("p", { class: "muted", text: "Methodology " + (month.methodologies.join(", ") || "–")
      + "; parameter sets " + (month.parameterSets.join(", ") || "–") + ". Days are UTC." }),
    methodology);
}

/** The load loop's reasons (edge `ControlDecision`) in words; an unknown reason shows as it is. */
const REASONS = {
  shed_gas: "Shed: gas fell", add_gas: "Added: gas rose", hold: "Holding: load matches the gas",
  engine_trip: "Shed all: engine tripped", override: "Held by an operator command",
  no_gas_reading: "Waiting: no gas reading",
};

function reasonWords(reason) {
  if (REASONS[reason]) return REASONS[reason];
  return reason?.startsWith("alarm_") ? "Shed: generator alarm " + label(reason.slice(6)) : reason;
}

function loadControlCard(d) {
  const changed = ["miners_slept", "miners_woken", "miners_limited"].reduce((t, f) => t + (d[f] || 0), 0);
  return el("section", { class: "card", "aria-label": "Load control" },
    el("h2", { text: "Load control" }),
    el("p", { "data-field": "reason", text: reasonWords(d.reason) }),
    figures([
      ["Target", withUnit(d.target_kw, "kW", 0), "target_kw"],
      ["Load", withUnit(d.load_kw, "kW", 0), "load_kw"],
      ["Gas carries", withUnit(d.capacity_kw, "kW", 0), "capacity_kw"],
      ["Miners changed", num(changed, 0) + (d.miners_overridden ? ", " + num(d.miners_overridden, 0) + " held" : ""), "miners_changed"],
      ["Decided", age(d.time), "time"],
    ]));
}

function summaryCard(detail) {
  const s = detail.summary || {};
  return el("section", { class: "card", "aria-label": "Miners" },
    el("h2", { text: "Miners" }),
    figures([
      ["Online", num(s.miners_online, 0) + " / " + num(s.miners_total, 0), "miners"],
      ["Hashrate", withUnit(s.hashrate_ths == null ? null : s.hashrate_ths / 1000, "PH/s", 2), "hashrate"],
    ]));
}

export async function render(main, params, go, shell, siteId) {
  const [detail, summary] = await Promise.all([
    api.get(api.sitePath(siteId)),
    api.get(api.sitePath(siteId, "/emissions/summary")).catch(() => null),
  ]);
  const top = el("div", { class: "cards", id: "site-cards" });
  const grid = minerGrid(siteId);
  function show(state) {
    top.replaceChildren(
      ...state.generators.map(generatorCard),
      gasCard(state.gasMeters, summary),
      summaryCard(state),
      ...(state.loadControl ? [loadControlCard(state.loadControl)] : []),
      emissionsCard(siteId, summary));
    top.dataset.summaryTime = state.summary?.time || "";
    grid.update(state.miners);
    shell.dataTime(state.summary?.time);
  }
  main.replaceChildren(
    el("div", { class: "row" }, el("h1", { text: detail.name || siteId }),
      el("a", { class: "button", id: "site-commands", href: "#/site/" + encodeURIComponent(siteId) + "/commands",
        text: session.may("OPERATOR") ? "Sleep, wake, limit power" : "Commands" })),
    top,
    el("div", { class: "charts" },
      chartCard("Generator power", "kW", () => daySeries(siteId, "generator.power_kw")),
      chartCard("Hashrate", "TH/s", () => daySeries(siteId, "site_summary.hashrate_ths")),
      chartCard("Gas flow", "Mscf/d", () => daySeries(siteId, "gas_meter.flow_rate_mscfd"))),
    grid.element);
  show(detail);
  const stop = api.live(siteId, show, (connected) => shell.live(connected));
  return stop;
}
