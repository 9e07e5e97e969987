// What this client knows of the account: who it is, contacts, pending requests, blocks,
// conversations, the loaded part of each timeline, the sanctions on it and the reports it made. The
// app fills it from the API and the event stream; views read it and re-render on the topics they
// care about. Applying an event twice, or an event the last snapshot already contains, changes
// nothing, which makes catch-up after a reconnect safe.
import { blocking, inForce } from './sanctions.js';
import { Timeline } from './timeline.js';
import { mentions } from './mentions.js';

/** Browsers fire a longer setTimeout at once, so a far-off sanction end is waited for a day at a time. */
const LONGEST_TIMER_MS = 24 * 60 * 60 * 1000;
/** A typing notice holds this long unless another renews it (clients send one every few seconds). */
export const TYPING_SHOWN_MS = 6000;

export class Store {
  constructor(me, keptLocally) {
    this.me = me;
    this.keptLocally = keptLocally;
    this.contacts = new Map();
    this.requests = new Map();
    this.blocked = new Map();
    this.moveCards = new Map(); // id -> a move card not yet answered: a contact moved
    this.conversations = new Map();
    this.details = new Map();
    this.timelines = new Map();
    this.hidden = new Set(); // ids of messages deleted for me
    this.listeners = new Set();
    this.connection = 'connecting';
    this.loaded = false; // the first snapshot has arrived
    this.account = null; // {id, username, role} from GET /me
    this.profile = null; // my profile {displayName, bio, avatarId, ...} from GET /accounts/{me}
    this.sanctions = [];
    this.warnings = []; // the ladder's warnings still standing, acknowledged or not
    this.activeStrikes = 0;
    this.reports = null; // id -> report, once loaded
    this.appeals = new Map(); // id -> appeal
    this.sanctionTimer = null;
    this.typists = new Map(); // conversationId -> Map(accountId -> timer): who is typing there now
  }

  /**
   * fn(topic, data) runs after each change. Topics: contacts, conversations, conversation, timeline,
   * connection, removed, account, profile (mine), sanctions, reports, decision (a moderation.decision about me),
   * report.resolved, appeals, appeal.decided, typing (a conversation id), reads (a conversation id: a member's read
   * marker moved), channel.entry (a post or notice of a followed channel).
   */
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

  loadContacts({ contacts, requests, blocks, moveCards = [...this.moveCards.values()] }) {
    this.contacts = new Map(contacts.map((c) => [c.id, c]));
    this.requests = new Map([...requests.incoming, ...requests.outgoing].map((r) => [r.id, r]));
    this.blocked = new Map(blocks.map((b) => [b.id, b]));
    this.moveCards = new Map(moveCards.map((c) => [c.id, c]));
    this.changed('contacts');
  }

  /** A move card, new or answered (here or on another device) or withdrawn: only pending ones stay. */
  moveCardChanged(card) {
    if (card.status === 'pending') this.moveCards.set(card.id, card);
    else this.moveCards.delete(card.id);
    this.changed('contacts');
  }

  /** Move cards not yet answered, newest first. */
  moveCardList() {
    return [...this.moveCards.values()].sort((a, b) => b.id - a.id);
  }

  loadConversations(summaries) {
    this.conversations = new Map(summaries.map((s) => [s.id, withUnread(s)]));
    this.loaded = true;
    this.changed('conversations');
  }

  setAccount(account) {
    this.account = account;
    this.changed('account');
  }

  get isModerator() {
    return this.account !== null && this.account.role !== 'user';
  }

  loadSanctions({ activeStrikes, sanctions, warnings = [] }) {
    this.activeStrikes = activeStrikes;
    this.sanctions = sanctions;
    this.warnings = warnings;
    this.watchSanctionEnds();
    this.changed('sanctions');
  }

  /** The sanctions that take something away now. */
  activeSanctions() {
    const now = Date.now();
    return this.sanctions.filter((s) => inForce(s, now));
  }

  /** Warnings from the ladder not yet acknowledged: the banner asks for each. */
  unacknowledgedWarnings() {
    return this.warnings.filter((w) => !w.acknowledgedAt);
  }

  /** The sanction that takes {@code feature} (send_group, create_group, ...) away now, or undefined. */
  blocking(feature) {
    return blocking(this.sanctions, feature);
  }

  /**
   * Sanctions end by themselves, on the server by comparing their end with its clock. Here too: at
   * the soonest end everything reading them is told, so the banner goes and greyed-out controls
   * come back without a request or a reload.
   */
  watchSanctionEnds() {
    clearTimeout(this.sanctionTimer);
    const now = Date.now();
    const ends = this.sanctions.filter((s) => inForce(s, now) && s.endsAt).map((s) => Date.parse(s.endsAt));
    if (ends.length === 0) return;
    const wait = Math.min(Math.min(...ends) - now, LONGEST_TIMER_MS);
    this.sanctionTimer = setTimeout(() => {
      this.watchSanctionEnds();
      this.changed('sanctions');
    }, wait + 1);
  }

  loadReports(reports) {
    this.reports = new Map(reports.map((r) => [r.id, r]));
    this.changed('reports');
  }

  reportFiled(report) {
    if (this.reports) {
      this.reports.set(report.id, report);
      this.changed('reports');
    }
  }

  loadAppeals(appeals) {
    this.appeals = new Map(appeals.map((a) => [a.id, a]));
    this.changed('appeals');
  }

  /** An appeal of mine, new or changed (filed here, or told on the stream). */
  appealChanged(appeal) {
    const before = this.appeals.get(appeal.id);
    this.appeals.set(appeal.id, appeal);
    this.changed('appeals', appeal);
    if (appeal.status === 'decided' && before?.status !== 'decided') this.changed('appeal.decided', appeal);
  }

  /** My appeal of {@code decisionId}, if I filed one. */
  appealOf(decisionId) {
    return [...this.appeals.values()].find((a) => a.decisionId === decisionId);
  }

  /** Newest first. */
  appealList() {
    return [...this.appeals.values()].sort((a, b) => b.id - a.id);
  }

  /** Newest first, as the API lists them. */
  reportList() {
    return [...(this.reports?.values() ?? [])].sort((a, b) => b.id - a.id);
  }

  stop() {
    clearTimeout(this.sanctionTimer);
    for (const here of this.typists.values()) here.forEach((timer) => clearTimeout(timer));
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
    if (message.id !== undefined && this.hidden.has(message.id)) return;
    if (this.timeline(message.conversationId).put(message)) this.changed('timeline', message.conversationId);
  }

  /** "Delete for me": gone from this account's view, and kept out if an older copy of it comes again. */
  messageHidden({ id, conversationId, clientId }) {
    this.hidden.add(id);
    const timeline = this.timelines.get(conversationId);
    if (!timeline) return;
    const mine = timeline.byKey.get('c:' + clientId);
    const key = mine?.id === id ? 'c:' + clientId : 'm:' + id;
    if (timeline.remove(key)) this.changed('timeline', conversationId);
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
      case 'message.edited': // its sender changed the text: "edited"
      case 'message.withdrawn': // taken down by moderation: the content is gone, a notice stays
        this.messageChanged(data);
        break;
      case 'message.restored': // given back after an appeal, in its old place or at the end
        this.messageArrived(data);
        this.messageChanged(data);
        break;
      case 'message.hidden': // deleted for me, here or on another device
        this.messageHidden(data);
        break;
      case 'moderation.decision':
        this.decisionArrived(data);
        break;
      case 'moderation.appeal':
        this.appealChanged(data);
        break;
      case 'report.resolved':
        this.reportResolved(data);
        break;
      case 'read.updated':
        if (data.accountId === this.me.id) this.readUpTo(data.conversationId, data.lastReadSeq);
        else this.memberRead(data.conversationId, data.accountId, data.lastReadSeq);
        break;
      case 'conversation.muted': {
        const summary = this.conversations.get(data.conversationId);
        if (summary) this.updateSummary(summary, { muted: data.muted });
        break;
      }
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
      case 'contact.moved':
        this.moveCardChanged(data);
        break;
      case 'conversation.updated':
        this.conversationUpdated(data);
        break;
      case 'profile.updated':
        this.profileUpdated(data);
        break;
      case 'channel.post':
      case 'channel.notice': // a followed channel was restricted or restored
        this.changed('channel.entry', data);
        break;
      case 'conversation.removed':
        this.conversationRemoved(data.conversationId, data.reason);
        break;
      default:
        break; // an event type this client does not know yet: nothing to show
    }
  }

  /**
   * Frames the server keeps nowhere: someone typing, and in groups another member's read marker.
   * Missed ones are not replayed; the group's members (with their markers) load again with the chat.
   */
  applyTransient(frame) {
    if (frame.type === 'typing') this.typingStarted(frame.data.conversationId, frame.data.accountId);
    else if (frame.type === 'read.updated') this.memberRead(frame.data.conversationId, frame.data.accountId, frame.data.lastReadSeq);
  }

  typingStarted(conversationId, accountId) {
    if (accountId === this.me.id) return;
    let here = this.typists.get(conversationId);
    if (!here) this.typists.set(conversationId, here = new Map());
    clearTimeout(here.get(accountId));
    here.set(accountId, setTimeout(() => this.typingStopped(conversationId, accountId), TYPING_SHOWN_MS));
    this.changed('typing', conversationId);
  }

  typingStopped(conversationId, accountId) {
    const here = this.typists.get(conversationId);
    if (!here?.has(accountId)) return;
    clearTimeout(here.get(accountId));
    here.delete(accountId);
    this.changed('typing', conversationId);
  }

  /** Who is typing in a conversation now (account ids). */
  typing(conversationId) {
    return [...(this.typists.get(conversationId)?.keys() ?? [])];
  }

  /** Another member's read marker moved: the ticks and "read by N" of my messages follow. */
  memberRead(conversationId, accountId, lastReadSeq) {
    const view = this.details.get(conversationId);
    const member = view?.members.find((m) => m.id === accountId);
    if (!member || member.lastReadSeq >= lastReadSeq) return;
    this.details.set(conversationId, {
      ...view, members: view.members.map((m) => (m.id === accountId ? { ...m, lastReadSeq } : m)) });
    this.changed('reads', conversationId);
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
        mentionCount: (summary.mentionCount ?? 0) + (!mine && mentions(message.text, this.me.username) ? 1 : 0),
      });
    }
    // Whoever sent has stopped typing, and has read up to what they sent.
    this.typingStopped(message.conversationId, message.senderId);
    if (message.seq != null) this.memberRead(message.conversationId, message.senderId, message.seq);
    if (message.senderId === this.me.id) this.keptLocally.forget(message.clientId);
    if (this.timelines.has(message.conversationId)) this.putMessage(message);
  }

  messageChanged(message) {
    const summary = this.conversations.get(message.conversationId);
    if (summary?.lastMessage?.id === message.id) this.updateSummary(summary, { lastMessage: message });
    if (this.timelines.has(message.conversationId)) this.putMessage(message);
  }

  /**
   * A decision about me. A held message that a moderator removed was never delivered, so no message
   * event tells of it: its sender's kept copy turns into the removal notice here.
   */
  decisionArrived(decision) {
    const held = decision.outcome === 'removed' && decision.messageId != null && this.keptLocally.withId(decision.messageId);
    if (held) {
      const removed = { ...held, status: 'removed', text: undefined, media: undefined, mediaId: undefined,
        moderation: { decisionId: decision.id, notice: 'removed by a moderator' } };
      this.keptLocally.keep(removed);
      if (this.timelines.has(removed.conversationId)) this.putMessage(removed);
    }
    this.changed('decision', decision);
  }

  reportResolved({ reportId, outcome, resolvedAt }) {
    const report = this.reports?.get(reportId);
    if (report) this.reports.set(reportId, { ...report, status: 'resolved', outcome, resolvedAt });
    this.changed('reports');
    this.changed('report.resolved', { reportId, outcome });
  }

  /** My read marker moved; mentions count as read once everything is (the list asks the server again on reload). */
  readUpTo(conversationId, seq) {
    const summary = this.conversations.get(conversationId);
    if (summary && seq > summary.lastReadSeq) {
      this.updateSummary(summary, { lastReadSeq: seq, mentionCount: seq >= summary.lastSeq ? 0 : summary.mentionCount });
    }
  }

  conversationUpdated(view) {
    const me = view.members.find((m) => m.id === this.me.id);
    const summary = this.conversations.get(view.id);
    const changes = { title: view.title, avatarId: view.avatarId, memberCount: view.members.length, role: me?.role };
    if (summary) {
      this.updateSummary(summary, changes);
    } else {
      // New to this client (created, or added to a group): there is nothing unread before now.
      const peer = view.type === 'direct' ? view.members.find((m) => m.id !== this.me.id) : undefined;
      this.updateSummary({
        id: view.id, type: view.type, lastSeq: view.lastSeq, lastReadSeq: view.lastSeq, updatedAt: view.createdAt,
        peer: peer && { id: peer.id, username: peer.username, displayName: peer.displayName, avatarId: peer.avatarId },
      }, changes);
    }
    this.setDetails(view);
  }

  setProfile(profile) {
    this.profile = profile;
    this.changed('profile');
  }

  /**
   * Someone changed their profile (me, a contact, a member of a conversation of mine): every place
   * that shows them takes the new name and avatar, as new objects so that lists re-render them.
   */
  profileUpdated(profile) {
    if (profile.id === this.me.id) this.setProfile(profile);
    const renamed = (p) => (p?.id === profile.id
      ? { ...p, displayName: profile.displayName, avatarId: profile.avatarId, deleted: profile.deleted } : p);
    for (const map of [this.contacts, this.blocked]) {
      if (map.has(profile.id)) map.set(profile.id, renamed(map.get(profile.id)));
    }
    for (const [id, r] of this.requests) {
      if (r.from.id === profile.id || r.to.id === profile.id) this.requests.set(id, { ...r, from: renamed(r.from), to: renamed(r.to) });
    }
    for (const summary of this.conversations.values()) {
      if (summary.peer?.id === profile.id) this.updateSummary(summary, { peer: renamed(summary.peer) });
    }
    for (const view of this.details.values()) {
      if (view.members.some((m) => m.id === profile.id)) this.setDetails({ ...view, members: view.members.map(renamed) });
    }
    this.changed('contacts');
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
