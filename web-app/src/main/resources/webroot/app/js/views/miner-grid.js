// The site's miners as a grid of tiles coloured by state and chip temperature, with search,
// filter and sort, so hundreds of miners stay readable. Selectable (the commands screen): tiles
// are toggle buttons, "Select shown" takes every miner the search and filter show.
import { el, num } from "../format.js";

export const HOT_C = 85;

const FILTERS = {
  all: () => true,
  problems: (m) => kind(m) !== "mining" && kind(m) !== "sleeping",
  down: (m) => m.up === 0,
  hot: (m) => (m.temp_chip_max_c || 0) >= HOT_C,
  sleeping: (m) => m.state === "sleeping",
  mining: (m) => kind(m) === "mining",
};
const SORTS = {
  id: (a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }),
  temp: (a, b) => (b.temp_chip_max_c ?? -1) - (a.temp_chip_max_c ?? -1),
  hashrate: (a, b) => (a.hashrate_ths ?? -1) - (b.hashrate_ths ?? -1),
  power: (a, b) => (b.power_w ?? -1) - (a.power_w ?? -1),
  state: (a, b) => kind(a).localeCompare(kind(b)),
};

export function kind(m) {
  if (m.up === 0) return "down";
  if (m.state === "mining" && (m.temp_chip_max_c || 0) >= HOT_C) return "hot";
  return m.state || "unknown";
}

function select(id, text, options) {
  return [el("label", { for: id, text }),
    el("select", { id }, Object.keys(options).map((k) => el("option", { value: k, text: options[k] })))];
}

export function minerGrid(site, { selectable = false, onSelection = () => {} } = {}) {
  const selected = new Set();
  const search = el("input", { id: "miner-search", type: "search", placeholder: "m-0042", autocomplete: "off" });
  const [filterLabel, filter] = select("miner-filter", "Show", {
    all: "All", problems: "Problems", down: "Down", hot: "Hot (≥ " + HOT_C + " °C)", sleeping: "Sleeping", mining: "Mining",
  });
  const [sortLabel, sort] = select("miner-sort", "Sort by", {
    id: "Id", temp: "Chip temperature", hashrate: "Hashrate (lowest first)", power: "Power", state: "State",
  });
  const count = el("p", { id: "miner-count", role: "status" });
  const grid = el("div", { class: "grid", id: "miner-grid" });
  let miners = [];
  let shown = [];
  function draw() {
    const q = search.value.trim().toLowerCase();
    shown = miners.filter(FILTERS[filter.value])
      .filter((m) => !q || m.id.toLowerCase().includes(q))
      .sort(SORTS[sort.value]);
    count.textContent = "Showing " + shown.length + " of " + miners.length + " miners"
      + (selectable ? ", " + selected.size + " selected" : "");
    const tiles = document.createDocumentFragment();
    for (const m of shown) {
      const k = kind(m);
      const temp = m.temp_chip_max_c == null ? "–" : num(m.temp_chip_max_c, 0) + " °C";
      const attrs = {
        class: "miner " + k, "data-miner": m.id,
        "aria-label": m.id + ", " + k + ", chip " + temp + ", " + num(m.hashrate_ths) + " TH/s",
      };
      if (selectable) Object.assign(attrs, { type: "button", "aria-pressed": String(selected.has(m.id)) });
      else attrs.href = "#/site/" + encodeURIComponent(site) + "/miner/" + encodeURIComponent(m.id);
      tiles.append(el(selectable ? "button" : "a", attrs,
        el("b", { text: m.id }), el("span", { text: k === "mining" ? temp : k + " " + temp })));
    }
    grid.replaceChildren(tiles);
  }
  function changed() {
    draw();
    onSelection(miners.filter((m) => selected.has(m.id)));
  }
  for (const c of [search, filter, sort]) c.addEventListener("input", draw);
  const selection = selectable ? el("div", { class: "row" },
    el("button", { type: "button", id: "select-shown", text: "Select shown",
      onclick: () => { shown.forEach((m) => selected.add(m.id)); changed(); } }),
    el("button", { type: "button", id: "select-none", text: "Clear selection",
      onclick: () => { selected.clear(); changed(); } })) : null;
  if (selectable) {
    grid.addEventListener("click", (e) => {
      const tile = e.target.closest("button.miner");
      if (!tile) return;
      const id = tile.dataset.miner;
      if (!selected.delete(id)) selected.add(id);
      changed();
    });
  }
  const element = el("section", { class: "card miners", "aria-labelledby": "miners-title" },
    el("h2", { id: "miners-title", text: "Miners" }),
    el("ul", { class: "legend", "aria-label": "Colours" },
      ["mining", "hot", "sleeping", "idle", "error", "down"].map((k) => el("li", { class: "miner " + k, text: k }))),
    el("div", { class: "controls" },
      el("div", {}, el("label", { for: "miner-search", text: "Search" }), search),
      el("div", {}, filterLabel, filter),
      el("div", {}, sortLabel, sort)),
    selection, count, grid);
  return {
    element,
    update(list) {
      miners = list;
      const ids = new Set(list.map((m) => m.id));
      for (const id of selected) if (!ids.has(id)) selected.delete(id);
      changed();
    },
    clearSelection() { selected.clear(); changed(); },
  };
}
