import * as api from "../api.js";
import { el, num, withUnit, age, figures } from "../format.js";

/** Worst first: offline sites (longest silent first), then the lowest share of miners online. */
export function worstFirst(a, b) {
  if (a.online !== b.online) return a.online ? 1 : -1;
  if (!a.online) return (Date.parse(a.lastSeen) || 0) - (Date.parse(b.lastSeen) || 0);
  const share = (s) => (s.minersTotal ? s.minersOnline / s.minersTotal : 0);
  return share(a) - share(b) || a.site.localeCompare(b.site);
}

function tile(s) {
  const state = s.online ? "online" : "offline";
  return el("a", { class: "card tile " + state, href: "#/site/" + encodeURIComponent(s.site), "data-site": s.site },
    el("h2", {}, el("span", { text: s.name || s.site }),
      el("span", { class: "state " + state, text: s.online ? "Online" : "Offline" })),
    figures([
      ["Last seen", age(s.lastSeen), "lastSeen"],
      ["Generator", withUnit(s.generatorKw, "kW", 0) + (s.generatorLoadPct == null ? "" : " · " + num(s.generatorLoadPct, 0) + " %"), "generatorKw"],
      ["Gas to engine", withUnit(s.gensetFuelFlowMscfd, "Mscf/d"), "gensetFuelFlowMscfd"],
      ["Gas to flare", withUnit(s.flareFlowMscfd, "Mscf/d"), "flareFlowMscfd"],
      ["Miners online", num(s.minersOnline, 0) + " / " + num(s.minersTotal, 0), "miners"],
      ["Hashrate", withUnit(s.hashrateThs == null ? null : s.hashrateThs / 1000, "PH/s", 2), "hashrateThs"],
      ["CO2e avoided today", withUnit(s.avoidedTco2eToday, "t", 3), "avoidedTco2eToday"],
    ]));
}

export async function render(main, params, go, shell) {
  const fleet = await api.get("/api/v1/fleet");
  shell.source(fleet.source);
  // an edge's own copy of the app has one site: go straight to it
  if (fleet.source === "site-local" && fleet.sites.length === 1) {
    go("#/site/" + encodeURIComponent(fleet.sites[0].site));
    return;
  }
  const sites = [...fleet.sites].sort(worstFirst);
  const newest = sites.map((s) => s.lastSeen).filter(Boolean).sort().pop();
  shell.dataTime(newest);
  main.replaceChildren(
    el("h1", { text: "Fleet" }),
    sites.length
      ? el("div", { class: "cards", id: "fleet" }, sites.map(tile))
      : el("p", { class: "muted", text: "No sites to show." }));
  const timer = setInterval(() => {
    api.get("/api/v1/fleet").then((f) => {
      const fresh = [...f.sites].sort(worstFirst);
      document.getElementById("fleet")?.replaceChildren(...fresh.map(tile));
      shell.dataTime(fresh.map((s) => s.lastSeen).filter(Boolean).sort().pop());
    }).catch(() => {});
  }, 10000);
  return () => clearInterval(timer);
}
