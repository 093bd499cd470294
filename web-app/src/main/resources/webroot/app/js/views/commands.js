// A site's commands: pick miners from the grid, sleep, wake or limit their power after a
// confirmation naming how many miners and kW, follow each miner until the command ends (GET of the
// command every 2 s), cancel it while it waits, and the history. The controls need OPERATOR, as
// central's POST does (central decides; a VIEWER or ENGINEER sees the history only).
import * as api from "../api.js";
import * as session from "../session.js";
import { el, num, age } from "../format.js";
import { minerGrid } from "./miner-grid.js";

const POLL_MS = 2000;
const TERMINAL = new Set(["succeeded", "partially_succeeded", "failed", "rejected", "expired", "canceled"]);
const CANCELABLE = new Set(["queued", "delivered"]);
/** Firmware whose power limit the edge can set (others answer "skipped unsupported"). */
const POWER_LIMIT_FIRMWARE = new Set(["whatsminer"]);
const VERBS = { sleep: "Sleep", wake: "Wake", power_limit: "Limit power of" };

function words(state) {
  return state ? state.replace(/_/g, " ") : "–";
}

/** A fresh Idempotency-Key (getRandomValues also works off HTTPS, on a site's own network). */
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function kwOf(miners) {
  const known = miners.filter((m) => typeof m.power_w === "number");
  return { kw: known.reduce((t, m) => t + m.power_w, 0) / 1000, unknown: miners.length - known.length };
}

function progressTable(command) {
  return el("table", { id: "command-miners" },
    el("caption", { class: "muted", text: "Each miner, in plan order" }),
    el("thead", {}, el("tr", {}, ["Miner", "Outcome", "Read back", "Planned", "Error"].map((t) => el("th", { scope: "col", text: t })))),
    el("tbody", {}, command.miners.map((m) => el("tr", { "data-miner": m.miner },
      el("td", { text: m.miner }),
      el("td", { class: "state " + m.outcome, "data-field": "outcome", text: m.outcome }),
      el("td", { text: m.readbackState || (m.readbackPowerLimitW != null ? num(m.readbackPowerLimitW, 0) + " W" : "–") }),
      el("td", { text: new Date(m.plannedAt).toLocaleTimeString() }),
      el("td", { text: m.errorDetail || m.error || "" })))));
}

export async function render(main, params, go, shell, siteId) {
  const operator = session.may("OPERATOR");
  const base = api.sitePath(siteId, "/commands");
  const detail = await api.get(api.sitePath(siteId));
  let stopped = false;
  let pollTimer = null;
  let following = 0;
  let picked = [];

  const history = el("tbody", {});
  const historyError = el("p", { class: "error", role: "alert" });
  async function loadHistory() {
    try {
      const answer = await api.get(base + "?limit=50");
      historyError.textContent = "";
      history.replaceChildren(...answer.commands.map((c) => el("tr", { "data-command": c.id },
        el("td", { text: new Date(c.issuedAt).toLocaleString() }),
        el("td", { text: words(c.action) + (c.watts ? " " + c.watts + " W" : "") }),
        el("td", { class: "num", text: String(c.targets) }),
        el("td", { class: "state " + c.state, "data-field": "state", text: words(c.state) }),
        el("td", { text: c.issuedBy }),
        el("td", {}, el("button", { type: "button", text: "Follow", "aria-label": "Follow command of " + new Date(c.issuedAt).toLocaleString(),
          onclick: () => follow(c.id) })))));
      if (!answer.commands.length) history.append(el("tr", {}, el("td", { colspan: "6", class: "muted", text: "No commands in the last 7 days." })));
    } catch (e) {
      historyError.textContent = "Could not load the history: " + e.message;
    }
  }

  // One command followed until it ends; a cancel's refusal stays shown across the redraws.
  const cancelError = el("p", { class: "error", role: "alert" });
  let followed = null;
  const progress = el("section", { class: "card", id: "command-progress", "aria-labelledby": "progress-title", hidden: true });
  async function follow(id) {
    const turn = ++following;
    clearTimeout(pollTimer);
    if (followed !== id) cancelError.textContent = "";
    followed = id;
    progress.hidden = false;
    let command;
    try {
      command = await api.get(base + "/" + encodeURIComponent(id));
      if (turn !== following || stopped) return;
    } catch (e) {
      if (turn !== following || stopped) return;
      progress.replaceChildren(el("h2", { id: "progress-title", text: "Command" }),
        el("p", { class: "error", role: "alert", text: "Could not read the command: " + e.message }));
      if (!stopped) pollTimer = setTimeout(() => follow(id), POLL_MS);
      return;
    }
    const counts = {};
    for (const m of command.miners) counts[m.outcome] = (counts[m.outcome] || 0) + 1;
    const cancel = operator && CANCELABLE.has(command.state)
      ? el("button", { type: "button", id: "command-cancel", text: "Cancel command" }) : null;
    if (cancel) {
      cancel.addEventListener("click", async () => {
        cancel.disabled = true;
        try {
          await api.post(base + "/" + encodeURIComponent(id) + "/cancel", {});
          follow(id);
          loadHistory();
        } catch (e) {
          cancelError.textContent = "Not canceled: " + e.message;
          cancel.disabled = false;
        }
      });
    }
    progress.replaceChildren(...[
      el("h2", { id: "progress-title", text: VERBS[command.action] + " " + command.targets + " miners" + (command.watts ? " to " + command.watts + " W" : "") }),
      el("p", {}, "State: ", el("b", { id: "command-state", class: "state " + command.state, text: words(command.state) }),
        command.reason ? " (" + words(command.reason) + ")" : "",
        " · issued by " + command.issuedBy + " " + age(command.issuedAt)),
      el("p", { id: "command-counts", role: "status", text: Object.entries(counts).map(([k, n]) => n + " " + k).join(", ") }),
      cancel, cancelError,
      progressTable(command)].filter(Boolean));
    if (TERMINAL.has(command.state)) loadHistory();
    else if (!stopped) pollTimer = setTimeout(() => follow(id), POLL_MS);
  }

  // Issuing: OPERATOR and above.
  let controls = null;
  let grid = null;
  if (operator) {
    const watts = el("input", { id: "power-limit-watts", type: "number", min: "1", max: "100000", step: "1", inputmode: "numeric", value: "3000" });
    const sleep = el("button", { type: "button", id: "command-sleep", class: "primary", text: "Sleep", disabled: true });
    const wake = el("button", { type: "button", id: "command-wake", text: "Wake", disabled: true });
    const limit = el("button", { type: "button", id: "command-power-limit", text: "Set power limit", disabled: true });
    const limitNote = el("p", { class: "muted", id: "power-limit-note" });
    const summary = el("p", { id: "selection-summary", role: "status", text: "Select miners in the grid below." });
    const dialogText = el("p", { id: "confirm-text" });
    const dialogError = el("p", { class: "error", role: "alert" });
    const issue = el("button", { type: "button", id: "confirm-go", class: "primary" });
    const back = el("button", { type: "button", id: "confirm-cancel", text: "Back" });
    const dialog = el("dialog", { id: "command-confirm", "aria-labelledby": "confirm-title" },
      el("h2", { id: "confirm-title", text: "Confirm command" }), dialogText, dialogError,
      el("div", { class: "row" }, issue, back));
    let pending = null;
    back.addEventListener("click", () => dialog.close());
    function confirm(action) {
      const body = { action, targets: picked.map((m) => m.id) };
      if (action === "power_limit") body.watts = Number(watts.value);
      const { kw, unknown } = kwOf(picked);
      const n = picked.length;
      dialogText.textContent = VERBS[action] + " " + n + (n === 1 ? " miner" : " miners")
        + (action === "power_limit" ? " to " + body.watts + " W each" : "")
        + ": " + num(kw, 1) + " kW now" + (unknown ? " (" + unknown + " without a power reading)" : "")
        + (action === "wake" ? ", woken in steps the generator can take." : action === "sleep" ? ", put to sleep in steps the generator can take." : ".");
      issue.textContent = VERBS[action] + " " + n + (n === 1 ? " miner" : " miners");
      dialogError.textContent = "";
      issue.disabled = false;
      pending = { body, key: newKey() };
      dialog.showModal();
      back.focus();
    }
    issue.addEventListener("click", async () => {
      issue.disabled = true;
      try {
        // the same key on a retry after an error: central answers the command already issued
        const command = await api.post(base, pending.body, { "Idempotency-Key": pending.key });
        dialog.close();
        grid.clearSelection();
        loadHistory();
        follow(command.id);
        progress.scrollIntoView({ block: "nearest" });
      } catch (e) {
        dialogError.textContent = "Not issued: " + e.message;
        issue.disabled = false;
      }
    });
    sleep.addEventListener("click", () => confirm("sleep"));
    wake.addEventListener("click", () => confirm("wake"));
    limit.addEventListener("click", () => {
      if (watts.checkValidity() && Number(watts.value) >= 1) confirm("power_limit");
      else limitNote.textContent = "Enter a power limit between 1 and 100,000 W.";
    });
    function onSelection(list) {
      picked = list;
      const { kw, unknown } = kwOf(list);
      summary.textContent = list.length
        ? list.length + (list.length === 1 ? " miner" : " miners") + " selected, " + num(kw, 1) + " kW now"
          + (unknown ? " (" + unknown + " without a power reading)" : "")
        : "Select miners in the grid below.";
      sleep.disabled = wake.disabled = !list.length;
      const limitable = list.length > 0 && list.every((m) => POWER_LIMIT_FIRMWARE.has(String(m.firmware).toLowerCase()));
      limit.disabled = !limitable;
      limitNote.textContent = list.length && !limitable ? "Power limit: only Whatsminer firmware takes one." : "";
    }
    grid = minerGrid(siteId, { selectable: true, onSelection });
    controls = el("section", { class: "card", id: "command-controls", "aria-labelledby": "controls-title" },
      el("h2", { id: "controls-title", text: "New command" }),
      summary,
      el("div", { class: "controls" },
        el("div", {}, el("span", { class: "label", text: "Action" }), el("div", { class: "row" }, sleep, wake)),
        el("div", {}, el("label", { for: "power-limit-watts", text: "Power limit, W" }), el("div", { class: "row" }, watts, limit))),
      limitNote, dialog);
  }

  main.replaceChildren(...[
    el("div", { class: "row" },
      el("h1", { text: (detail.name || siteId) + " — commands" }),
      el("a", { class: "button", href: "#/site/" + encodeURIComponent(siteId), text: "Back to site" })),
    operator ? null : el("p", { class: "muted", id: "commands-read-only", text: "Your role may see commands; issuing them needs an operator." }),
    controls,
    progress,
    el("section", { class: "card", "aria-labelledby": "history-title" },
      el("h2", { id: "history-title", text: "History, last 7 days" }),
      historyError,
      el("table", { id: "command-history" },
        el("thead", {}, el("tr", {}, ["Issued", "Action", "Miners", "State", "By", ""].map((t) => el("th", { scope: "col", text: t })))),
        history)),
    grid ? grid.element : null].filter(Boolean));
  if (grid) grid.update(detail.miners);
  shell.dataTime(detail.summary?.time);
  await loadHistory();
  if (params.get("command")) follow(params.get("command"));
  const historyTimer = setInterval(loadHistory, 15000);
  const stopLive = grid ? api.live(siteId, (state) => {
    grid.update(state.miners);
    shell.dataTime(state.summary?.time);
  }, (connected) => shell.live(connected)) : () => {};
  return () => {
    stopped = true;
    clearTimeout(pollTimer);
    clearInterval(historyTimer);
    stopLive();
  };
}
