// One logged-in session: the API, the store, the event stream, sending and images, and every
// action the views can take. Actions update the store from the server's answer at once; the event
// stream confirms them (applying both is harmless) and brings everyone else's changes.
import { Api } from './api.js';
import { DataExports } from './exports.js';
import { EventStream } from './stream.js';
import { KeptLocally } from './kept-locally.js';
import { MediaCache } from './media.js';
import { Sender } from './sender.js';
import { revokeSession } from './session.js';
import { Store } from './store.js';

const PAGE = 50;
const RELOAD_PAUSE_MS = 3000;

export class Client {
  /** @param onSessionEnded(problem) the server no longer accepts the token (or the account was deleted) */
  constructor(session, { onSessionEnded, onProblem }) {
    this.session = session;
    this.onSessionEnded = onSessionEnded;
    this.onProblem = onProblem;
    this.api = new Api(session.token, (problem) => onSessionEnded(problem));
    this.keptLocally = new KeptLocally(session.storage, session.accountId);
    this.store = new Store({ id: session.accountId, username: session.username }, this.keptLocally);
    this.media = new MediaCache(this.api);
    this.exports = new DataExports(this.api);
    this.stream = new EventStream(this.api, {
      onEvent: (event) => this.received(event),
      onTransient: (frame) => { if (!this.pending) this.store.applyTransient(frame); },
      onReady: ({ resumed }) => this.streamReady(resumed),
      onStatus: (status) => this.store.setConnection(status),
    });
    this.sender = new Sender(this.api, this.store, this.media, this.stream);
    this.pending = null; // events held back while a snapshot loads
    this.loadedOnce = false;
    this.stopped = false;
    this.decisions = new Map(); // id -> Promise of the decision: each is fetched once
    // The stream may outlive a short outage unnoticed; sends that failed in it go again all the same.
    this.onOnline = () => this.sender.retryInterrupted();
    // A decision about me may come with a sanction, or lift one: the banner and the greyed-out
    // controls follow the server's list rather than guessing from the event.
    this.store.subscribe((topic, decision) => {
      if (topic !== 'decision') return;
      this.decisions.set(decision.id, Promise.resolve(decision));
      this.refreshSanctions();
    });
  }

  start() {
    window.addEventListener('online', this.onOnline);
    this.stream.start();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    this.stream.stop();
    this.store.stop();
    this.media.clear();
  }

  logOut() {
    return revokeSession(this.api, this.session);
  }

  received(event) {
    if (this.pending) this.pending.push(event);
    else this.store.apply(event);
  }

  /**
   * Resumed (since= worked): the replay already brought everything missed, so only sends that
   * failed meanwhile remain. Otherwise (first connection, or resuming was impossible) load a
   * snapshot; events that arrive meanwhile are applied after it, never before.
   */
  async streamReady(resumed) {
    if (resumed) {
      this.sender.retryInterrupted();
      return;
    }
    if (this.pending) return; // a snapshot is already loading; it will apply what arrives meanwhile
    this.pending = [];
    while (!this.stopped) {
      try {
        await this.loadSnapshot();
        break;
      } catch (problem) {
        if (problem.status === 401) return;
        this.onProblem(problem);
        await new Promise((resolve) => setTimeout(resolve, RELOAD_PAUSE_MS));
      }
    }
    const held = this.pending;
    this.pending = null;
    held.forEach((event) => this.store.apply(event));
    this.sender.retryInterrupted();
  }

  async loadSnapshot() {
    const [account, sanctions, appeals, contacts, requests, blocks, moveCards, conversations, profile] = await Promise.all([
      this.api.get('/me'), this.api.get('/me/sanctions'), this.api.get('/me/appeals'),
      this.api.get('/contacts'), this.api.get('/contacts/requests'), this.api.get('/blocks'), this.api.get('/contacts/moves'),
      this.api.get('/conversations'), this.api.get(`/accounts/${encodeURIComponent(this.session.username)}`),
    ]);
    this.store.setAccount(account);
    this.store.setProfile(profile);
    this.store.loadSanctions(sanctions);
    this.store.loadAppeals(appeals);
    this.store.loadContacts({ contacts, requests, blocks, moveCards });
    this.store.loadConversations(conversations);
    // A snapshot after the first means the stream could not resume: loaded history may have gaps.
    if (this.loadedOnce) this.store.dropTimelines();
    this.loadedOnce = true;
  }

  // Conversations and messages

  /** The newest page on first use; the page before the oldest loaded message after that. */
  async loadHistory(conversationId) {
    const timeline = this.store.timeline(conversationId);
    const query = new URLSearchParams({ limit: String(PAGE) });
    const oldest = timeline.loaded ? timeline.oldestSeq() : null;
    if (oldest !== null) query.set('before', String(oldest));
    const page = await this.api.get(`/conversations/${conversationId}/messages?${query}`);
    page.messages.forEach((m) => timeline.put(m));
    timeline.hasMore = page.hasMore;
    timeline.loaded = true;
    this.store.changed('timeline', conversationId);
  }

  async loadDetails(conversationId) {
    this.store.setDetails(await this.api.get(`/conversations/${conversationId}`));
  }

  async markRead(conversationId, seq) {
    const marker = await this.api.post(`/conversations/${conversationId}/read`, { seq });
    this.store.readUpTo(conversationId, marker.lastReadSeq);
  }

  async recall(message) {
    this.store.putMessage(await this.api.post(`/messages/${message.id}/recall`));
  }

  /** Changes my message's text; a refusal (422, the same as a refused send) leaves it as it was. */
  async edit(message, text) {
    this.store.putMessage(await this.api.patch(`/messages/${message.id}`, { text }));
  }

  /** "Delete for me": the message leaves my view only. */
  async hide(message) {
    await this.api.post(`/messages/${message.id}/hide`);
    this.store.messageHidden(message);
  }

  /** A copy of the message in another conversation, marked forwarded and reviewed there. */
  async forward(message, conversationId) {
    const sent = await this.api.post(`/messages/${message.id}/forward`, { conversationId });
    this.store.messageArrived(sent);
    return sent;
  }

  /** Saves a file from a message: fetched with the token, handed to the browser as a download. */
  async download(message) {
    const blob = await this.api.blob('/media/' + encodeURIComponent(message.media.id));
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = message.media.name || 'file';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /** Opens (or creates) the direct chat with a contact; answers its id. */
  async directChatWith(accountId) {
    const view = await this.api.post('/conversations', { type: 'direct', members: [accountId] });
    this.store.conversationUpdated(view);
    return view.id;
  }

  async createGroup(title, memberIds) {
    const view = await this.api.post('/conversations', { type: 'group', title, members: memberIds });
    this.store.conversationUpdated(view);
    return view.id;
  }

  async addMembers(conversationId, memberIds) {
    this.store.conversationUpdated(await this.api.post(`/conversations/${conversationId}/members`, { members: memberIds }));
  }

  async removeMember(conversationId, accountId) {
    await this.api.delete(`/conversations/${conversationId}/members/${accountId}`);
    await this.loadDetails(conversationId);
  }

  /** Changes a group's {title, description, avatarId}: a field left out stays, an empty one is cleared. */
  async updateGroup(conversationId, changes) {
    this.store.conversationUpdated(await this.api.patch(`/conversations/${conversationId}`, changes));
  }

  /** Makes a member an admin or a plain member, or (role 'owner') hands the group over to them. */
  async setRole(conversationId, accountId, role) {
    this.store.conversationUpdated(await this.api.put(`/conversations/${conversationId}/members/${accountId}/role`, { role }));
  }

  async mute(conversationId, muted) {
    this.store.apply({ type: 'conversation.muted', data: await this.api.put(`/conversations/${conversationId}/mute`, { muted }) });
  }

  /** Tells the other members I am typing; a lost notice is not worth a word. */
  typing(conversationId) {
    this.api.post(`/conversations/${conversationId}/typing`).catch(() => {});
  }

  /** Joins a public group found in Discover; answers its id. */
  async joinGroup(conversationId) {
    const view = await this.api.post(`/conversations/${conversationId}/join`);
    this.store.conversationUpdated(view);
    return view.id;
  }

  // Search and the directory

  /**
   * My messages and my channels' posts that have every word of {@code q}, newest first: {results: [{kind, conversation,
   * message, channel, post, snippet}], nextBefore, nextPostBefore}.
   */
  searchMessages(q, before = null, postBefore = null) {
    const query = new URLSearchParams({ q });
    if (before != null) query.set('before', String(before));
    if (postBefore != null) query.set('postBefore', String(postBefore));
    return this.api.get(`/search/messages?${query}`);
  }

  /** Accounts or public groups whose names start with the words of {@code q}. */
  findInDirectory(kind, q) {
    return this.api.get(`/directory/${kind}?${new URLSearchParams({ q })}`);
  }

  async leave(conversationId) {
    await this.api.post(`/conversations/${conversationId}/leave`);
    this.store.conversationRemoved(conversationId, 'left');
  }

  // Contacts

  async requestContact(username) {
    const request = await this.api.post('/contacts/requests', { username });
    this.store.apply({ type: request.status === 'pending' ? 'contact.request' : 'contact.request.updated', data: request });
    return request;
  }

  async answerRequest(requestId, answer) {
    const path = answer === 'cancel' ? `/contacts/requests/${requestId}` : `/contacts/requests/${requestId}/${answer}`;
    const request = await (answer === 'cancel' ? this.api.delete(path) : this.api.post(path));
    this.store.apply({ type: 'contact.request.updated', data: request });
  }

  async removeContact(accountId) {
    await this.api.delete(`/contacts/${accountId}`);
    this.store.apply({ type: 'contact.removed', data: { accountId } });
  }

  async block(accountId) {
    const blocked = await this.api.post('/blocks', { accountId });
    this.store.blocked.set(blocked.id, blocked);
    // Blocking declines pending requests between the two, and the stream does not say so.
    const requests = await this.api.get('/contacts/requests');
    this.store.loadContacts({ contacts: [...this.store.contacts.values()], requests, blocks: [...this.store.blocked.values()] });
  }

  // Moderation as it concerns me: sanctions, decisions, reports

  async refreshSanctions() {
    try {
      this.store.loadSanctions(await this.api.get('/me/sanctions'));
    } catch (problem) {
      if (problem.status !== 401) this.onProblem(problem);
    }
  }

  /** A decision about me, fetched once. */
  decision(decisionId) {
    if (!this.decisions.has(decisionId)) {
      const request = this.api.get(`/decisions/${decisionId}`);
      request.catch(() => this.decisions.delete(decisionId)); // a failure is asked again next time
      this.decisions.set(decisionId, request);
    }
    return this.decisions.get(decisionId);
  }

  /** Decisions about me, newest first. */
  myDecisions() {
    return this.api.get('/me/decisions');
  }

  /** Appeals a decision about me (or the dismissal of my report); answers the appeal. */
  async appeal(decisionId, statement, requestedOutcome) {
    const appeal = await this.api.post(`/decisions/${decisionId}/appeals`, { statement, requestedOutcome });
    this.store.appealChanged(appeal);
    return appeal;
  }

  /** I read the warning of {@code decisionId}; the banner lets it go. */
  async acknowledgeWarning(decisionId) {
    await this.api.post(`/me/warnings/${decisionId}/acknowledge`);
    await this.refreshSanctions();
  }

  async loadReports() {
    this.store.loadReports(await this.api.get('/reports'));
  }

  /** @param subject {messageId} or {accountId} */
  async report(subject, reason) {
    this.store.reportFiled(await this.api.post('/reports', { ...subject, reason }));
  }

  /** Accepts a contact's move card: the new account becomes a contact and rejoins my groups, at once. */
  async acceptMoveCard(cardId) {
    const card = await this.api.post(`/contacts/moves/${cardId}/accept`);
    this.store.moveCardChanged(card);
    return card;
  }

  async ignoreMoveCard(cardId) {
    this.store.moveCardChanged(await this.api.post(`/contacts/moves/${cardId}/ignore`));
  }

  // Moving to another account: the old account moves, the new one names it as its alias

  /** My latest move, or null if I never moved. */
  async myMove() {
    try {
      return await this.api.get('/me/move');
    } catch (problem) {
      if (problem.code === 'move_not_found') return null;
      throw problem;
    }
  }

  move(to, password) {
    return this.api.post('/me/move', { to, password });
  }

  cancelMove() {
    return this.api.delete('/me/move');
  }

  aliases() {
    return this.api.get('/me/aliases');
  }

  addAlias(username) {
    return this.api.put('/me/aliases', { username });
  }

  removeAlias(username) {
    return this.api.delete(`/me/aliases/${encodeURIComponent(username)}`);
  }

  // My profile and invite links

  /** Changes my profile: {displayName, bio, avatarMediaId}, each null to clear it; answers the profile. */
  async updateProfile(changes) {
    const profile = await this.api.patch('/me/profile', changes);
    this.store.profileUpdated(profile);
    return profile;
  }

  /** Uploads a square avatar image (a Blob); answers its media id for updateProfile. */
  async uploadAvatar(blob) {
    const uploaded = await this.api.upload(blob);
    this.media.seed(uploaded.id, URL.createObjectURL(blob));
    return uploaded.id;
  }

  /** Changes my password (the current one first); the server signs out every other login. */
  changePassword(current, password) {
    return this.api.put('/me/password', { current, password });
  }

  /** Deletes this account, with its password: every login ends. */
  deleteAccount(password) {
    return this.api.delete('/me', { password });
  }

  /** The account is gone: this session ends as any other would, saying why. */
  accountDeleted() {
    this.onSessionEnded({ code: 'account_deleted' });
  }

  /** Where I am logged in: [{id, client, createdAt, current}]. */
  sessions() {
    return this.api.get('/me/sessions');
  }

  endSession(id) {
    return this.api.delete(`/me/sessions/${id}`);
  }

  createInvite(options = {}) {
    return this.api.post('/me/invites', options);
  }

  invites() {
    return this.api.get('/me/invites');
  }

  revokeInvite(code) {
    return this.api.delete(`/me/invites/${encodeURIComponent(code)}`);
  }

  /** Whose an invite link is, and whether it still works. */
  invite(code) {
    return this.api.get(`/invites/${encodeURIComponent(code)}`);
  }

  /** Sends the invite's owner a contact request (or makes us contacts, if they had asked me). */
  async acceptInvite(code) {
    const request = await this.api.post(`/invites/${encodeURIComponent(code)}/accept`);
    this.store.apply({ type: request.status === 'pending' ? 'contact.request' : 'contact.request.updated', data: request });
    return request;
  }

  async unblock(accountId) {
    await this.api.delete(`/blocks/${accountId}`);
    this.store.blocked.delete(accountId);
    this.store.changed('contacts');
  }
}
