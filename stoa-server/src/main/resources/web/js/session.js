// Where the login token lives. By default in sessionStorage: this tab only, gone when it closes,
// the safer choice on a shared computer. With "Stay logged in on this device" in localStorage:
// kept across restarts and shared by this browser's tabs, as people expect of a chat app on their
// own phone or laptop. Scripts can read either, which is why the page allows scripts from this
// origin only (no inline code, see WebClient's CSP); logging out also revokes the token on the server.
// The chat at / and the moderator console at /admin share the session: one login serves both.
import { KeptLocally } from './kept-locally.js';

const KEY = 'stoa.session';

/** The saved session {token, accountId, username, storage}, or null. */
export function loadSession() {
  for (const storage of [sessionStorage, localStorage]) {
    const raw = storage.getItem(KEY);
    if (!raw) continue;
    try {
      return { ...JSON.parse(raw), storage };
    } catch {
      storage.removeItem(KEY);
    }
  }
  return null;
}

export function saveSession({ token, accountId, username }, stayLoggedIn) {
  const storage = stayLoggedIn ? localStorage : sessionStorage;
  (stayLoggedIn ? sessionStorage : localStorage).removeItem(KEY);
  storage.setItem(KEY, JSON.stringify({ token, accountId, username }));
  return { token, accountId, username, storage };
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(KEY);
}

/** True when a storage event says another tab logged this browser out. */
export function isLogoutEvent(event) {
  return (event.key === KEY && event.newValue === null) || event.key === null;
}

/** Revokes the token on the server; what this browser kept for the account (unsent messages) goes too. */
export async function revokeSession(api, session) {
  new KeptLocally(session.storage, session.accountId).clear();
  await api.delete('/sessions/current');
}
