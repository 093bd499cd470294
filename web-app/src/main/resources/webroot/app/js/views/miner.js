import * as api from "../api.js";
import { el, withUnit, unit, label, age } from "../format.js";
import { chartCard, daySeries } from "../charts.js";
import { kind } from "./miner-grid.js";

const FIRST = ["state", "up", "hashrate_ths", "power_w", "power_source", "power_limit_w",
  "temp_chip_max_c", "temp_board_max_c", "temp_ambient_c", "fan_rpm_max", "uptime_s",
  "pools_alive", "pools_total", "pool_url", "pool_user", "firmware"];

export async function render(main, params, go, shell, siteId, minerId) {
  const answer = await api.get(api.sitePath(siteId, "/miners/" + encodeURIComponent(minerId)));
  const m = answer.latest;
  const back = el("a", { class: "button", href: "#/site/" + encodeURIComponent(siteId), text: "← Back to site" });
  if (!m) {
    main.replaceChildren(back, el("h1", { text: "Miner " + minerId }),
      el("p", { class: "muted", text: "No sample of this miner yet." }));
    return;
  }
  shell.dataTime(m.time);
  const names = [...FIRST.filter((k) => k in m), ...Object.keys(m).filter((k) => !FIRST.includes(k)
    && !["time", "error", "error_detail"].includes(k)).sort()];
  const rows = names.map((k) => el("tr", {},
    el("th", { scope: "row", text: label(k) }),
    el("td", { class: "num", "data-field": k, text: withUnit(m[k], unit(k), 2) })));
  const error = m.error
    ? el("section", { class: "card", role: "alert" }, el("h2", { text: "Error" }),
      el("p", { class: "error", text: m.error }), m.error_detail ? el("p", { text: m.error_detail }) : null)
    : el("p", { class: "muted", text: "No error reported in the latest sample." });
  main.replaceChildren(
    back,
    el("h1", { text: "Miner " + minerId + " — " + kind(m) }),
    el("p", { text: "Latest sample " + age(m.time) + " (" + new Date(m.time).toLocaleString() + ")" }),
    error,
    el("div", { class: "cards single" },
      el("section", { class: "card" }, el("h2", { text: "Latest sample" }),
        el("table", {}, el("tbody", {}, rows)))),
    el("div", { class: "charts" },
      chartCard("Hashrate", "TH/s", () => daySeries(siteId, "miner.hashrate_ths", minerId)),
      chartCard("Chip temperature", "°C", () => daySeries(siteId, "miner.temp_chip_max_c", minerId)),
      chartCard("Power", "W", () => daySeries(siteId, "miner.power_w", minerId))));
}
