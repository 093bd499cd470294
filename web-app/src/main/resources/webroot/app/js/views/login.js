import * as api from "../api.js";
import * as session from "../session.js";
import { el } from "../format.js";

/** At an edge: the source badge at once, and a login with a site access token from central. */
function siteLocal(form, submit, error, shell, go) {
  api.sourceInfo().then((info) => {
    if (!info) return;
    shell.source(info.source);
    shell.dataTime(info.latestCycle);
    const token = el("textarea", { id: "site-token", name: "siteToken", rows: 3, autocapitalize: "none", spellcheck: "false" });
    const use = el("button", { type: "button", id: "site-token-login", text: "Log in with the token" });
    use.addEventListener("click", async () => {
      use.disabled = true;
      error.textContent = "";
      try {
        const answer = await api.post("/api/v1/auth/token", { siteToken: token.value.trim() });
        session.save("site-token", answer);
        go("#/fleet");
      } catch (e) {
        error.textContent = e.message;
      } finally {
        use.disabled = false;
      }
    });
    submit.after(el("details", { class: "site-token" },
      el("summary", { text: "Site access token from central" }),
      el("p", { class: "muted", text: "Works while central is out of reach: paste the token central gave you (POST /api/v1/auth/site-token)." }),
      el("label", { for: "site-token", text: "Token" }), token, use));
  });
}

export function render(main, params, go, shell) {
  const message = params.get("expired") !== null
    ? "Your session has expired. Please log in again." : "";
  const error = el("p", { class: "error", role: "alert", text: message });
  const user = el("input", { id: "username", name: "username", autocomplete: "username", required: true, autocapitalize: "none" });
  const password = el("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const submit = el("button", { type: "submit", class: "primary", text: "Log in" });
  const form = el("form", { class: "login card", "aria-labelledby": "login-title" },
    el("h1", { id: "login-title", text: "Log in to Flarewatch" }),
    el("label", { for: "username", text: "User name" }), user,
    el("label", { for: "password", text: "Password" }), password,
    submit, error);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = "";
    try {
      const body = { username: user.value.trim(), password: password.value };
      const device = session.deviceToken(body.username);
      if (device) body.deviceToken = device;
      const answer = await api.post("/api/v1/auth/token", body);
      session.save(body.username, answer);
      go("#/fleet");
    } catch (e) {
      error.textContent = e.status === 401 ? "Wrong user name or password." : e.message;
    } finally {
      submit.disabled = false;
    }
  });
  main.replaceChildren(form);
  siteLocal(form, submit, error, shell, go);
  user.focus();
}
