// Entry point: the login screen, or the chat for a saved session; and notices for everything that
// happens away from where the person is looking.
import { Client } from './client.js';
import { loadEmojiFont } from './emoji-font.js';
import { notify } from './notices.js';
import { problemText } from './problem.js';
import { parseRoute } from './router.js';
import { clearSession, isLogoutEvent, loadSession } from './session.js';
import { renderAuth } from './views/auth-view.js';
import { Shell } from './views/shell.js';

loadEmojiFont();

const app = document.getElementById('app');
let client = null;
let shell = null;

function showAuth(notice) {
  app.replaceChildren(renderAuth({ onLoggedIn: start, notice }));
  app.querySelector('input').focus();
}

function start(session) {
  const current = new Client(session, {
    onSessionEnded: (problem) => {
      if (client !== current) return;
      end(problem?.code === 'account_deleted' ? 'Your account was deleted.' : 'Your session has ended. Log in again to continue.');
    },
    onProblem: (problem) => notify(problemText(problem)),
  });
  client = current;
  shell = new Shell(client, { notify, onLogOut: logOut });
  app.replaceChildren(shell.el);
  client.start();
}

function end(notice) {
  if (!client) return; // already ended (a log-out answered 401, say)
  client.stop();
  shell.destroy();
  client = null;
  shell = null;
  clearSession();
  history.replaceState(null, '', location.pathname); // the next person starts from the list, not this chat
  showAuth(notice);
}

async function logOut() {
  try {
    await client.logOut();
  } catch (problem) {
    // The token stays valid on the server until it expires; this browser forgets it all the same.
    notify(problemText(problem));
  }
  end();
}

window.addEventListener('storage', (event) => {
  if (client && client.session.storage === localStorage && isLogoutEvent(event)) end('You logged out in another tab.');
});

const saved = loadSession();
if (saved) start(saved);
else showAuth(parseRoute(location.hash).inviteCode ? 'Log in or create an account to answer the invite.' : undefined);
