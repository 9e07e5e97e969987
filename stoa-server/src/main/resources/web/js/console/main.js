// Entry point of the moderator console at /admin. It shares the chat's login (same tab, or "stay
// logged in"), asks the server who that is, and opens the console only for moderators and admins;
// everyone else is told plainly that it is not for them. The API enforces the same on every call.
import { Api } from '../api.js';
import { h } from '../dom.js';
import { notify } from '../notices.js';
import { problemText, renderProblem } from '../problem.js';
import { clearSession, isLogoutEvent, loadSession, revokeSession } from '../session.js';
import { renderAuth } from '../views/auth-view.js';
import { ConsoleShell } from './console-shell.js';
import { renderNotAllowed } from './not-allowed.js';

const app = document.getElementById('app');
let current = null; // {session, api, shell}

function showAuth(notice) {
  app.replaceChildren(renderAuth({
    onLoggedIn: start, notice, canRegister: false,
    tagline: 'Moderation console. Log in with a moderator’s or an admin’s account.',
  }));
  app.querySelector('input').focus();
}

async function start(session) {
  const api = new Api(session.token, () => { if (current?.api === api) end('Your session has ended. Log in again to continue.'); });
  current = { session, api, shell: null };
  let me;
  try {
    me = await api.get('/me');
  } catch (problem) {
    if (problem.status !== 401) {
      app.replaceChildren(h('main', { class: 'auth' }, h('div', { class: 'auth-card' }, renderProblem(problem),
        h('button', { type: 'button', class: 'primary', onclick: () => start(session) }, 'Try again'))));
    }
    return;
  }
  if (me.role === 'user') {
    app.replaceChildren(renderNotAllowed(me, { onLogOut: logOut }));
    return;
  }
  current.shell = new ConsoleShell(api, me, { notify, onLogOut: logOut });
  app.replaceChildren(current.shell.el);
}

function end(notice) {
  if (!current) return;
  current.shell?.destroy();
  current = null;
  clearSession();
  history.replaceState(null, '', location.pathname);
  showAuth(notice);
}

async function logOut() {
  try {
    await revokeSession(current.api, current.session);
  } catch (problem) {
    notify(problemText(problem)); // the token stays valid until it expires; this browser forgets it all the same
  }
  end();
}

window.addEventListener('storage', (event) => {
  if (current?.session.storage === localStorage && isLogoutEvent(event)) end('You logged out in another tab.');
});

const saved = loadSession();
if (saved) start(saved);
else showAuth();
