import * as api from "../api.js";
import { el, figures } from "../format.js";

const HOURS = [24, 72, 168];

function copyButton(area, status) {
  return el("button", {
    type: "button", id: "offline-token-copy", text: "Copy",
    onclick: async () => {
      area.focus();
      area.select();
      try {
        await navigator.clipboard.writeText(area.value);
        status.textContent = "Copied.";
      } catch (e) {
        status.textContent = "Selected: copy it with your device's copy command.";
      }
    },
  });
}

function shown(answer) {
  const area = el("textarea", { id: "offline-token", rows: 5, readonly: true, spellcheck: "false", "aria-describedby": "offline-token-use" });
  area.value = answer.token;
  const status = el("p", { class: "muted", role: "status" });
  const sites = answer.sites.includes("*") ? "All sites" : answer.sites.join(", ");
  return el("section", { class: "card offline-token", "aria-labelledby": "offline-token-title" },
    el("h2", { id: "offline-token-title", text: "Your offline token" }),
    el("label", { for: "offline-token", text: "Token" }), area,
    el("div", { class: "row" }, copyButton(area, status)), status,
    figures([
      ["Expires", new Date(answer.expiresAt).toLocaleString(), "expiresAt"],
      ["Sites", sites, "sites"],
      ["Role", answer.role, "role"],
    ]),
    el("p", { id: "offline-token-use", text: "On the site's tablet app, open 'Site access token from central' at login and paste it. It lets you in there until it expires, even while the site has no link to central." }));
}

/** Central only: a signed site access token for logging in at the user's sites without central. */
export async function render(main, params, go, shell) {
  if (await api.sourceInfo()) {
    main.replaceChildren(el("h1", { text: "Offline access" }),
      el("p", { class: "muted", text: "Offline tokens come from central. This app is served by the site." }));
    return;
  }
  const hours = el("select", { id: "offline-hours" },
    HOURS.map((h) => el("option", { value: h, selected: h === 72, text: h === 168 ? "7 days (168 h)" : h + " hours" })));
  const get = el("button", { type: "button", class: "primary", id: "offline-token-get", text: "Get offline token" });
  const error = el("p", { class: "error", role: "alert" });
  const result = el("div");
  get.addEventListener("click", async () => {
    get.disabled = true;
    error.textContent = "";
    try {
      const answer = await api.post("/api/v1/auth/site-token?hours=" + hours.value);
      result.replaceChildren(shown(answer));
    } catch (e) {
      result.replaceChildren();
      error.textContent = "Could not get a token: " + e.message;
    } finally {
      get.disabled = false;
    }
  });
  main.replaceChildren(
    el("h1", { text: "Offline access" }),
    el("p", { text: "Going to a site whose link to central may be down? Get a token here first; the site's own app accepts it without central." }),
    el("div", { class: "controls" },
      el("div", {}, el("label", { for: "offline-hours", text: "Valid for" }), hours), get),
    error, result);
}
