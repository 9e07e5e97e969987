// Passing notices at the bottom of the page (the #notices region, announced politely), for what
// happens away from where the person is looking. The chat and the console both use it.
import { h } from './dom.js';

const NOTICE_MS = 8000;

export function notify(text) {
  const notices = document.getElementById('notices');
  const notice = h('div', { class: 'toast' }, h('p', {}, text),
    h('button', { type: 'button', class: 'quiet', 'aria-label': 'Dismiss', onclick: () => notice.remove() }, '×'));
  notices.append(notice);
  setTimeout(() => notice.remove(), NOTICE_MS);
}
