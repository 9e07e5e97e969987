// What this client knows of the account: contacts, pending requests, blocks, conversations and
// the loaded part of each timeline. The app fills it from the API and the event stream; views read
// it and re-render on the topics they care about. Applying an event twice, or an event the last
// snapshot already contains, changes nothing, which makes catch-up after a reconnect safe.
import { Timeline } from './timeline.js';

export class Store {
  constructor(me, keptLocally) {
    this.me = me;
    this.keptLocally = keptLocally;
    this.contacts = new Map();
    this.requests = new Map();
    this.blocked = new Map();
    this.conversations = new Map();
    this.details = new Map();
    this.timelines = new Map();
    this.listeners = new Set();
    this.connection = 'connecting';
    this.loaded = false; // the first snapshot has arrived
  }

  /** fn(topic, id) runs after each change; topics: contacts, conversations, conversation, timeline, connection. */
  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  changed(topic, id) {
    for (const fn of [...this.listeners]) fn(topic, id);
  }

  setConnection(status) {
    this.connection = status;
    this.changed('connection');
  }

  loadContacts({ contacts, requests, blocks }) {
    this.contacts = new Map(contacts.map((c) => [c.id, c]));
    this.requests = new Map([...requests.incoming, ...requests.outgoing].map((r) => [r.id, r]));
    this.blocked = new Map(blocks.map((b) => [b.id, b]));
    this.changed('contacts');
  }

  loadConversations(summaries) {
    this.conversations = new Map(summaries.map((s) => [s.id, withUnread(s)]));
    this.loaded = true;
    this.changed('conversations');
  }

  /** Forgets every loaded timeline, when the stream could not resume and gaps are possible. */
  dropTimelines() {
    this.timelines.clear();
    this.changed('timeline');
  }

  conversationList() {
    return [...this.conversations.values()].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || b.id - a.id);
  }

  totalUnread() {
    let total = 0;
    for (const c of this.conversations.values()) total += c.unreadCount;
    return total;
  }

  incomingRequests() {
    return [...this.requests.values()].filter((r) => r.to.id === this.me.id);
  }

  outgoingRequests() {
    return [...this.requests.values()].filter((r) => r.from.id === this.me.id);
  }

  timeline(conversationId) {
    let t = this.timelines.get(conversationId);
    if (!t) {
      t = new Timeline(this.me.id);
      for (const m of this.keptLocally.forConversation(conversationId)) t.put(m);
      this.timelines.set(conversationId, t);
    }
    return t;
  }

  putMessage(message) {
    if (this.timeline(message.conversationId).put(message)) this.changed('timeline', message.conversationId);
  }

  removeMessage(conversationId, key) {
    if (this.timeline(conversationId).remove(key)) this.changed('timeline', conversationId);
  }

  setDetails(view) {
    this.details.set(view.id, view);
    this.changed('conversation', view.id);
  }

  apply(event) {
    const data = event.data;
    switch (event.type) {
      case 'message.created':
        this.messageArrived(data);
        break;
      case 'message.recalled':
        this.messageRecalled(data);
        break;
      case 'read.updated':
        if (data.accountId === this.me.id) this.readUpTo(data.conversationId, data.lastReadSeq);
        break;
      case 'contact.request':
        this.requests.set(data.id, data);
        this.changed('contacts');
        break;
      case 'contact.request.updated':
        this.requests.delete(data.id);
        this.changed('contacts');
        break;
      case 'contact.added':
        this.contacts.set(data.id, data);
        this.changed('contacts');
        break;
      case 'contact.removed':
        this.contacts.delete(data.accountId);
        this.changed('contacts');
        break;
      case 'conversation.updated':
        this.conversationUpdated(data);
        break;
      case 'conversation.removed':
        this.conversationRemoved(data.conversationId, data.reason);
        break;
      default:
        break; // an event type this client does not know yet: nothing to show
    }
  }

  messageArrived(message) {
    const summary = this.conversations.get(message.conversationId);
    if (summary && message.seq > summary.lastSeq) {
      const mine = message.senderId === this.me.id;
      this.updateSummary(summary, {
        lastSeq: message.seq,
        lastMessage: message,
        updatedAt: message.createdAt,
        // Sending moves the sender's own read marker (the server does the same).
        lastReadSeq: mine ? Math.max(summary.lastReadSeq, message.seq) : summary.lastReadSeq,
      });
    }
    if (message.senderId === this.me.id) this.keptLocally.forget(message.clientId);
    if (this.timelines.has(message.conversationId)) this.putMessage(message);
  }

  messageRecalled(message) {
    const summary = this.conversations.get(message.conversationId);
    if (summary?.lastMessage?.id === message.id) this.updateSummary(summary, { lastMessage: message });
    if (this.timelines.has(message.conversationId)) this.putMessage(message);
  }

  readUpTo(conversationId, seq) {
    const summary = this.conversations.get(conversationId);
    if (summary && seq > summary.lastReadSeq) this.updateSummary(summary, { lastReadSeq: seq });
  }

  conversationUpdated(view) {
    const me = view.members.find((m) => m.id === this.me.id);
    const summary = this.conversations.get(view.id);
    const changes = { title: view.title, memberCount: view.members.length, role: me?.role };
    if (summary) {
      this.updateSummary(summary, changes);
    } else {
      // New to this client (created, or added to a group): there is nothing unread before now.
      const peer = view.type === 'direct' ? view.members.find((m) => m.id !== this.me.id) : undefined;
      this.updateSummary({
        id: view.id, type: view.type, lastSeq: view.lastSeq, lastReadSeq: view.lastSeq, updatedAt: view.createdAt,
        peer: peer && { id: peer.id, username: peer.username },
      }, changes);
    }
    this.setDetails(view);
  }

  conversationRemoved(conversationId, reason) {
    this.conversations.delete(conversationId);
    this.details.delete(conversationId);
    this.timelines.delete(conversationId);
    this.changed('conversations');
    this.changed('removed', { conversationId, reason });
  }

  updateSummary(summary, changes) {
    this.conversations.set(summary.id, withUnread({ ...summary, ...changes }));
    this.changed('conversations');
  }
}

/** The server counts unread as lastSeq - lastReadSeq; counting the same way keeps both in step. */
function withUnread(summary) {
  return { ...summary, unreadCount: Math.max(0, summary.lastSeq - summary.lastReadSeq) };
}
