// The logged-in user: token, role and expiry, kept in localStorage so a reload keeps the session.
const KEY = "flarewatch.session";
const ROLES = ["VIEWER", "ENGINEER", "OPERATOR", "ADMIN"];
let expiryTimer = null;

export function current() {
  try {
    const s = JSON.parse(localStorage.getItem(KEY));
    if (s && s.token && Date.parse(s.expiresAt) > Date.now()) return s;
  } catch (e) {
    // a damaged entry counts as no session
  }
  return null;
}

export function save(user, answer) {
  localStorage.setItem(KEY, JSON.stringify({
    user, token: answer.token, role: answer.role, expiresAt: answer.expiresAt,
  }));
  if (answer.deviceToken) localStorage.setItem(KEY + ".device." + user, answer.deviceToken);
}

export function deviceToken(user) {
  return localStorage.getItem(KEY + ".device." + user);
}

export function clear() {
  localStorage.removeItem(KEY);
}

/** Whether the user's role is at least {@code minimum}. */
export function may(minimum) {
  const s = current();
  return !!s && ROLES.indexOf(s.role) >= ROLES.indexOf(minimum);
}

/** Calls onExpired when the token expires, so the user is sent back to the login. */
export function watchExpiry(onExpired) {
  clearTimeout(expiryTimer);
  const s = current();
  if (!s) return;
  const left = Date.parse(s.expiresAt) - Date.now();
  expiryTimer = setTimeout(onExpired, Math.max(0, Math.min(left, 2147483647)));
}
