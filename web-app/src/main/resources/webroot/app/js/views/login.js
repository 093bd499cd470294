import * as api from "../api.js";
import * as session from "../session.js";
import { el } from "../format.js";

export function render(main, params, go) {
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
  user.focus();
}
