// The search box over my messages and the posts of channels I follow, above the chat list: results
// (newest first) name the chat or the channel and show the matching part with the words found
// marked; choosing one opens the chat at that message, or the channel at that post.
import { h, fill } from '../dom.js';
import { conversationName, shortTime } from '../format.js';
import { renderProblem } from '../problem.js';

export class MessageSearch {
  constructor(client) {
    this.client = client;
    this.asked = 0;
    this.query = h('input', { type: 'search', name: 'q', placeholder: 'Search messages', autocomplete: 'off',
      'aria-label': 'Search your messages and the channels you follow', maxlength: '200' });
    this.clear = h('button', { type: 'button', class: 'small quiet', hidden: true, onclick: () => this.reset() }, 'Clear');
    this.results = h('ol', { class: 'search-results', 'aria-label': 'Messages found' });
    this.status = h('div', { class: 'search-status', role: 'status' });
    this.more = h('button', { type: 'button', class: 'small quiet', hidden: true, onclick: () => this.search(true) }, 'Older results');
    const form = h('form', { class: 'message-search', role: 'search' }, this.query, this.clear);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.search(false);
    });
    this.query.addEventListener('input', () => {
      if (!this.query.value.trim()) this.reset();
    });
    this.el = h('div', { class: 'message-search-box' }, form, this.status, this.results, this.more);
  }

  reset() {
    this.asked++;
    this.query.value = '';
    this.clear.hidden = true;
    this.more.hidden = true;
    this.results.replaceChildren();
    this.status.replaceChildren();
  }

  async search(older) {
    const q = this.query.value.trim();
    if (!q) return this.reset();
    const asked = ++this.asked;
    this.clear.hidden = false;
    let page;
    try {
      page = await this.client.searchMessages(q, older ? this.nextBefore : null, older ? this.nextPostBefore : null);
    } catch (problem) {
      if (asked === this.asked) fill(this.status, renderProblem(problem));
      return;
    }
    if (asked !== this.asked) return;
    this.nextBefore = page.nextBefore ?? null;
    this.nextPostBefore = page.nextPostBefore ?? null;
    this.more.hidden = this.nextBefore == null;
    const rows = page.results.map((hit) => this.row(hit));
    if (older) this.results.append(...rows);
    else this.results.replaceChildren(...rows);
    fill(this.status, this.results.children.length ? null : h('p', { class: 'empty' }, `No messages with “${q}”.`));
  }

  row(hit) {
    if (hit.kind === 'channel_post') {
      return h('li', { 'data-post-id': hit.post.id },
        h('a', { href: `#/channels/${hit.channel.id}/posts/${hit.post.id}`, class: 'search-hit' },
          h('span', { class: 'conversation-name' }, h('bdi', {}, hit.channel.title), h('span', { class: 'handle' }, ` @${hit.channel.handle}`)),
          h('time', { class: 'conversation-time', datetime: hit.post.createdAt }, shortTime(hit.post.createdAt)),
          h('span', { class: 'snippet' }, marked(hit.snippet))));
    }
    const summary = this.client.store.conversations.get(hit.conversation.id);
    const where = summary ? conversationName(summary) : (hit.conversation.title || 'Conversation');
    const at = hit.message.seq != null ? `/at/${hit.message.seq}` : '';
    return h('li', { 'data-id': hit.message.id },
      h('a', { href: `#/chats/${hit.conversation.id}${at}`, class: 'search-hit' },
        h('span', { class: 'conversation-name' }, where),
        h('time', { class: 'conversation-time', datetime: hit.message.createdAt }, shortTime(hit.message.createdAt)),
        h('span', { class: 'snippet' }, marked(hit.snippet))));
  }
}

/** The snippet's text with its highlights in <mark>, built as text nodes (never markup). */
export function marked(snippet) {
  const parts = [];
  let at = 0;
  for (const { start, end } of snippet.highlights) {
    if (start > at) parts.push(snippet.text.slice(at, start));
    parts.push(h('mark', {}, snippet.text.slice(start, end)));
    at = end;
  }
  parts.push(snippet.text.slice(at));
  return parts;
}
