import * as api from "../api.js";
import { el } from "../format.js";

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

export async function render(main, params, go, shell) {
  const fleet = await api.get("/api/v1/fleet");
  shell.source(fleet.source);
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  const site = el("select", { id: "report-site" },
    el("option", { value: "", text: "All my sites" }),
    fleet.sites.map((s) => el("option", { value: s.site, text: s.name || s.site })));
  const from = el("input", { id: "report-from", type: "date", value: isoDay(first), required: true });
  const to = el("input", { id: "report-to", type: "date", value: isoDay(tomorrow), required: true });
  const period = el("select", { id: "report-period" },
    ["day", "month", "year"].map((p) => el("option", { value: p, text: p })));
  const result = el("div", { id: "report-result", role: "status" });
  async function fetchReport(kind) {
    result.replaceChildren(el("p", { text: "Preparing the " + kind + " report…" }));
    let path = "/api/v1/reports/" + kind + "?from=" + from.value + "&to=" + to.value + "&format=csv";
    if (kind === "emissions") path += "&period=" + period.value;
    if (site.value) path += "&site=" + encodeURIComponent(site.value);
    const name = (site.value || "fleet") + "-" + kind + "-" + from.value + "-" + to.value + ".csv";
    try {
      const headers = await api.download(path, name);
      result.replaceChildren(el("p", { text: "Downloaded " + name + "." }),
        el("p", { text: "Content-Digest: " }, el("code", { "data-field": "digest", text: headers.get("Content-Digest") || "–" })),
        el("p", { text: "Signed by key " + (headers.get("X-Report-Signing-Key") || "–")
          + "; verify it with ./flarewatch verify-report." }));
    } catch (e) {
      result.replaceChildren(el("p", { class: "error", text: e.message }));
    }
  }
  main.replaceChildren(
    el("h1", { text: "Reports" }),
    el("section", { class: "card" },
      el("p", { text: "Signed CSV exports: the same data gives the same bytes. Dates are UTC; the end date is not included." }),
      el("div", { class: "controls" },
        el("div", {}, el("label", { for: "report-site", text: "Site" }), site),
        el("div", {}, el("label", { for: "report-from", text: "From" }), from),
        el("div", {}, el("label", { for: "report-to", text: "To (exclusive)" }), to),
        el("div", {}, el("label", { for: "report-period", text: "Emissions rows per" }), period)),
      el("div", { class: "row" },
        el("button", { type: "button", id: "download-emissions", class: "primary", onclick: () => fetchReport("emissions"), text: "Emissions CSV" }),
        el("button", { type: "button", id: "download-compliance", class: "primary", onclick: () => fetchReport("compliance"), text: "Compliance CSV" })),
      result));
}
