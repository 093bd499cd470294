// The app's shell: routes (#/login, #/fleet, #/site/{id}, #/site/{id}/miner/{id},
// #/site/{id}/commands, #/reports, #/offline-access (central only)),
// header (source, data age, live state), theme, logout, and a 401 or an expired token → login.
import * as api from "./api.js";
import * as session from "./session.js";
import { age } from "./format.js";
import * as login from "./views/login.js";
import * as fleet from "./views/fleet.js";
import * as site from "./views/site.js";
import * as miner from "./views/miner.js";
import * as commands from "./views/commands.js";
import * as reports from "./views/reports.js";
import * as offlineAccess from "./views/offline-access.js";

const main = document.getElementById("main");
const sourceBadge = document.getElementById("source");
const ageText = document.getElementById("age");
const nav = document.getElementById("nav");
const logout = document.getElementById("logout");
const theme = document.getElementById("theme");
const offlineLink = document.getElementById("offline-link");
let stopView = null;
let dataTime = null;
let liveState = null;

const shell = {
  source(source) {
    const local = source === "site-local";
    sourceBadge.hidden = false;
    sourceBadge.textContent = local ? "Site-local" : "Central";
    sourceBadge.className = "badge " + (local ? "local" : "central");
    sourceBadge.title = local ? "Served by this site's edge from its own data" : "Served by central";
    offlineLink.hidden = local; // offline tokens come from central only
    sessionStorage.setItem("flarewatch.source", source || "central");
  },
  dataTime(iso) {
    dataTime = iso || null;
    showAge();
  },
  live(connected) {
    liveState = connected;
    showAge();
  },
};

function showAge() {
  if (sourceBadge.classList.contains("local")) {
    sourceBadge.textContent = "Site-local" + (dataTime ? " · data " + age(dataTime).replace(" ago", " old") : "");
  }
  if (!dataTime) {
    ageText.textContent = "";
    return;
  }
  const old = Date.now() - Date.parse(dataTime) > 60000;
  ageText.textContent = "Data " + age(dataTime) + (liveState === false ? " · live link lost" : liveState ? " · live" : "");
  ageText.classList.toggle("stale", old || liveState === false);
}
setInterval(showAge, 5000);

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function toLogin(expired) {
  session.clear();
  go(expired ? "#/login?expired" : "#/login");
}
api.whenUnauthorized(() => toLogin(true));
api.whenSource((source) => {
  shell.source(source);
  showAge();
});

const ROUTES = [
  [/^#\/login$/, login.render, false],
  [/^#\/fleet$/, fleet.render, true],
  [/^#\/reports$/, reports.render, true],
  [/^#\/offline-access$/, offlineAccess.render, true],
  [/^#\/site\/([^/]+)$/, site.render, true],
  [/^#\/site\/([^/]+)\/miner\/([^/]+)$/, miner.render, true],
  [/^#\/site\/([^/]+)\/commands$/, commands.render, true],
];

async function route() {
  if (stopView) stopView();
  stopView = null;
  dataTime = null;
  liveState = null;
  showAge();
  const [path, query] = (location.hash || "#/fleet").split("?");
  const params = new URLSearchParams(query || "");
  const s = session.current();
  nav.hidden = !s;
  logout.hidden = !s;
  const known = sessionStorage.getItem("flarewatch.source");
  if (known) shell.source(known);
  for (const a of nav.querySelectorAll("a")) {
    if (path.startsWith(a.getAttribute("href"))) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const match = ROUTES.map(([re, view, auth]) => [re.exec(path), view, auth]).find(([m]) => m);
  if (!match) return go(s ? "#/fleet" : "#/login");
  const [m, view, needsLogin] = match;
  if (needsLogin && !s) return toLogin(false);
  if (!needsLogin && s) return go("#/fleet");
  if (s) session.watchExpiry(() => toLogin(true));
  try {
    const stop = await view(main, params, go, shell, ...m.slice(1).map(decodeURIComponent));
    stopView = typeof stop === "function" ? stop : null;
    if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
  } catch (e) {
    if (e.status !== 401) {
      const p = document.createElement("p");
      p.className = "error";
      p.setAttribute("role", "alert");
      p.textContent = "Could not load this page: " + e.message;
      main.replaceChildren(p);
    }
  }
}

function applyTheme(dark) {
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  theme.setAttribute("aria-pressed", String(dark));
}
const savedTheme = localStorage.getItem("flarewatch.theme");
applyTheme(savedTheme ? savedTheme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches);
theme.addEventListener("click", () => {
  const dark = document.documentElement.dataset.theme !== "dark";
  localStorage.setItem("flarewatch.theme", dark ? "dark" : "light");
  applyTheme(dark);
});
logout.addEventListener("click", () => toLogin(false));
window.addEventListener("hashchange", route);
route();
