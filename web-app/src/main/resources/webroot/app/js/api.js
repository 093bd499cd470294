// Every call to the JSON API: bearer token, problem documents, and a 401 back to the login.
import * as session from "./session.js";

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

// Where answers come from: an edge's own copy of the app says X-Flarewatch-Source: site-local on
// every answer of its API; central's answers carry no such header.
export const SOURCE_HEADER = "X-Flarewatch-Source";
let onSource = () => {};
export function whenSource(handler) {
  onSource = handler;
}
function noteSource(response) {
  const source = response.headers.get(SOURCE_HEADER);
  if (source) onSource(source);
  return response;
}

/** Where this app is served from, and how old the data is: {source, site, dataAgeSeconds,
 * latestCycle} from an edge; null from central (which has no such endpoint). Never a login. */
export async function sourceInfo() {
  try {
    const response = await fetch("/api/v1/source", { headers: { Accept: "application/json" } });
    return response.ok && response.headers.get(SOURCE_HEADER) ? response.json() : null;
  } catch (e) {
    return null;
  }
}

function headers(extra) {
  const h = { Accept: "application/json", ...extra };
  const s = session.current();
  if (s) h.Authorization = "Bearer " + s.token;
  return h;
}

async function failure(response) {
  let detail = response.status + " " + response.statusText;
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || detail;
  } catch (e) {
    // not a problem document: keep the status line
  }
  if (response.status === 401) onUnauthorized();
  return new ApiError(response.status, detail);
}

export async function get(path) {
  const response = noteSource(await fetch(path, { headers: headers() }));
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function post(path, body, extraHeaders) {
  const response = noteSource(await fetch(path, {
    method: "POST",
    headers: headers({ "Content-Type": "application/json", ...extraHeaders }),
    body: JSON.stringify(body),
  }));
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** Downloads a file through the API (with the token) and hands it to the browser as a file. */
export async function download(path, fileName) {
  const response = await fetch(path, { headers: headers({ Accept: "*/*" }) });
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return response.headers;
}

export function sitePath(site, rest = "") {
  return "/api/v1/sites/" + encodeURIComponent(site) + rest;
}

/**
 * Follows the site's live stream (server-sent events read with fetch, so the bearer token goes in
 * a header); calls onState with each state; reconnects after a drop. Returns a function that stops.
 */
export function live(site, onState, onStatus = () => {}) {
  let stopped = false;
  let controller = null;
  async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch(sitePath(site, "/live"), {
          headers: headers({ Accept: "text/event-stream" }),
          signal: controller.signal,
        });
        if (!response.ok) throw await failure(response);
        onStatus(true);
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let text = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
          let end;
          while ((end = text.indexOf("\n\n")) >= 0) {
            const event = text.slice(0, end);
            text = text.slice(end + 2);
            const data = event.split("\n").filter((l) => l.startsWith("data: "))
              .map((l) => l.slice(6)).join("\n");
            if (data && /^event: site$/m.test(event)) onState(JSON.parse(data));
          }
        }
      } catch (e) {
        if (stopped || (e instanceof ApiError && e.status === 401)) return;
        onStatus(false);
      }
      if (!stopped) await new Promise((r) => setTimeout(r, 3000));
    }
  }
  run();
  return () => {
    stopped = true;
    if (controller) controller.abort();
  };
}
