// What someone who is not a moderator sees at /admin: that the console is not for them, why, and
// where to go instead. (The API refuses them too: this page only says so first.)
import { h } from '../dom.js';

export function renderNotAllowed(account, { onLogOut }) {
  return h('main', { class: 'auth' },
    h('div', { class: 'auth-card not-allowed' },
      h('h1', { class: 'brand' }, 'Stoa'),
      h('h2', { tabindex: '-1' }, 'Moderators only'),
      h('p', {}, `The moderation console is for this server’s moderators and admins. Your account, ${account.username}, is not one of them.`),
      h('p', { class: 'muted' }, 'If you think it should be, ask an admin of this server.'),
      h('div', { class: 'dialog-actions' },
        h('a', { href: '/', class: 'button primary' }, 'Back to the chat'),
        h('button', { type: 'button', onclick: onLogOut }, 'Log in as someone else'))));
}
