// The conversation list, under the search box over my messages: most recently active first, each with
// its last message, unread count, an @ badge while an unread message mentions me, and a mark when I
// muted it, kept current by the event stream; and the New group button, greyed out while a sanction takes
// creating groups away.
import { h, syncList } from '../dom.js';
import { conversationName, preview, shortTime } from '../format.js';
import { sanctionSentence } from '../sanctions.js';
import { openCreateGroup } from './group-dialogs.js';
import { MessageSearch } from './message-search.js';

export class ConversationList {
  constructor(client) {
    this.client = client;
    this.selectedId = null;
    this.list = h('ul', { class: 'conversation-list', 'aria-label': 'Conversations' });
    this.empty = h('p', { class: 'empty' }, 'No conversations yet. Open Contacts to add someone, then start a chat.');
    this.newGroup = h('button', { type: 'button', onclick: () => openCreateGroup(client) }, 'New group');
    this.restriction = h('p', { class: 'restriction', hidden: true });
    this.search = new MessageSearch(client);
    this.el = h('section', { class: 'panel', 'aria-labelledby': 'chats-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'chats-heading' }, 'Chats'), this.newGroup),
      this.search.el,
      this.restriction,
      this.empty,
      this.list);
    this.unsubscribe = client.store.subscribe((topic) => {
      if (topic === 'conversations') this.update();
      if (topic === 'sanctions') this.renderRestriction();
    });
    this.update();
    this.renderRestriction();
  }

  renderRestriction() {
    const sanction = this.client.store.blocking('create_group');
    this.newGroup.disabled = Boolean(sanction);
    this.restriction.hidden = !sanction;
    this.restriction.textContent = sanction ? sanctionSentence(sanction) : '';
  }

  select(conversationId) {
    this.selectedId = conversationId;
    for (const link of this.list.querySelectorAll('a')) {
      if (Number(link.closest('li').dataset.key) === conversationId) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  update() {
    const conversations = this.client.store.conversationList();
    this.empty.hidden = conversations.length > 0;
    syncList(this.list, conversations, (c) => c.id, (c) => this.renderRow(c));
    this.select(this.selectedId);
  }

  renderRow(summary) {
    const myId = this.client.store.me.id;
    const unread = summary.unreadCount > 0
      ? h('span', { class: `unread${summary.muted ? ' muted' : ''}`, 'aria-label': `${summary.unreadCount} unread` },
        String(summary.unreadCount))
      : null;
    const mentioned = summary.mentionCount > 0
      ? h('span', { class: 'mention-badge', title: 'You were mentioned',
        'aria-label': summary.mentionCount === 1 ? 'you were mentioned' : `you were mentioned ${summary.mentionCount} times` }, '@')
      : null;
    return h('li', {},
      h('a', { href: `#/chats/${summary.id}`, class: 'conversation' },
        h('span', { class: 'conversation-name' }, conversationName(summary),
          summary.muted && h('span', { class: 'muted-mark', title: 'Muted', 'aria-label': 'muted' }, ' 🔕')),
        h('time', { class: 'conversation-time', datetime: summary.updatedAt }, shortTime(summary.updatedAt)),
        h('span', { class: 'conversation-preview' }, preview(summary.lastMessage, myId)),
        h('span', { class: 'badges' }, mentioned, unread)));
  }

  destroy() {
    this.unsubscribe();
  }
}
