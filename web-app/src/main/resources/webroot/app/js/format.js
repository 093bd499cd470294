// Numbers, units and ages as the screens show them.
const UNITS = [
  [/_ths$/, "TH/s"], [/_kw$/, "kW"], [/_kva$/, "kVA"], [/_w$/, "W"], [/_c$/, "°C"], [/_f$/, "°F"],
  [/_pct$/, "%"], [/_rpm(_max)?$/, "rpm"], [/_kpa$/, "kPa"], [/_psig$/, "psig"], [/_mscfd$/, "Mscf/d"],
  [/_scfh$/, "scf/h"], [/_scf$/, "scf"], [/_cf$/, "cf"], [/_s$/, "s"], [/_h(ours)?$/, "h"],
  [/_tco2e$/, "t CO2e"],
];

export function unit(field) {
  if (field === "run_hours") return "h";
  for (const [pattern, u] of UNITS) if (pattern.test(field)) return u;
  return "";
}

export function num(value, digits = 1) {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value !== "number") return String(value);
  const small = value !== 0 && Math.abs(value) < 1;
  // small figures (a few minutes of CO2e) keep 3 significant digits instead of rounding to 0
  return value.toLocaleString(undefined, small
    ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: digits });
}

export function withUnit(value, u, digits = 1) {
  const n = num(value, digits);
  return n === "–" || !u ? n : n + " " + u;
}

export function label(field) {
  return field.replace(/_/g, " ");
}

/** "12 s ago", "5 min ago", … from an ISO instant. */
export function age(iso, now = Date.now()) {
  if (!iso) return "never";
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 90) return s + " s ago";
  if (s < 5400) return Math.round(s / 60) + " min ago";
  if (s < 172800) return Math.round(s / 3600) + " h ago";
  return Math.round(s / 86400) + " days ago";
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** A definition list of [label, value] pairs; each value cell gets data-field for tests. */
export function figures(pairs) {
  return el("dl", { class: "figures" },
    pairs.flatMap(([name, value, field]) => [
      el("dt", { text: name }), el("dd", { text: value, "data-field": field }),
    ]));
}
