// One conversation: its header (the group's picture and settings, mute), the messages with a
// separator for each day and a line above the first unread (older pages load when scrolled to the
// top), read markers for what has been seen and read ticks on mine, who is typing, and the composer,
// greyed out while a sanction takes sending here away (reading always works).
import { h, syncList } from '../dom.js';
import { conversationName } from '../format.js';
import { avatar, nameOf, nameText, sharedNames } from '../people.js';
import { problemText, renderProblem } from '../problem.js';
import { goToChats } from '../router.js';
import { Composer } from './composer.js';
import { openDialog } from './dialog.js';
import { groupFace, openGroupSettings } from './group-settings.js';
import { renderMessage } from './message-item.js';
import { closeMessageMenu } from './message-menu.js';
import { askReason } from './reason-dialog.js';
import { isMark, renderMark, TimelineMarks } from './timeline-marks.js';
import { TypingLine } from './typing.js';
import { MentionSuggest } from './mention-suggest.js';
import { receipt } from '../receipts.js';

/** Within this many pixels of the end counts as reading the newest messages. */
const NEAR_BOTTOM_PX = 80;
/** Older messages are asked for this far before the top comes into view. */
const NEAR_TOP_PX = 200;
const READ_DELAY_MS = 300;
/** How many older pages a jump to a quoted message may load looking for it. */
const JUMP_PAGES = 10;
const HIGHLIGHT_MS = 2000;

export class ChatView {
  constructor(client, conversationId, { notify }) {
    this.client = client;
    this.store = client.store;
    this.id = conversationId;
    this.notify = notify;
    this.visibleRows = new Set();
    this.readTimer = null;
    this.loadingOlder = false;

    this.title = h('h2', { class: 'chat-title', tabindex: '-1' });
    this.subtitle = h('p', { class: 'chat-subtitle' });
    this.face = h('span', { class: 'chat-face' });
    // On a phone the header's buttons show their icon only; their words stay for screen readers.
    this.settingsButton = h('button', { type: 'button', class: 'head-action', hidden: true,
      onclick: () => openGroupSettings(client, conversationId) },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, '⚙'), h('span', { class: 'label' }, 'Group settings'));
    this.muteLabel = h('span', { class: 'label' }, 'Mute');
    this.muteIcon = h('span', { class: 'icon', 'aria-hidden': 'true' }, '🔔');
    this.muteButton = h('button', { type: 'button', class: 'quiet head-action', 'aria-pressed': 'false',
      onclick: () => this.toggleMute() }, this.muteIcon, this.muteLabel);
    this.marks = new TimelineMarks();
    // The first message unread when the chat opened keeps its line until the chat closes.
    const opened = this.store.conversations.get(conversationId);
    this.firstUnreadSeq = opened && opened.unreadCount > 0 ? opened.lastReadSeq + 1 : null;
    this.jumpUnread = h('button', { type: 'button', class: 'small jump-unread', hidden: this.firstUnreadSeq == null,
      onclick: () => this.jumpToFirstUnread() }, 'Jump to first unread');
    this.list = h('ol', { class: 'messages', 'aria-label': 'Messages', role: 'log' });
    this.historyStatus = h('div', { class: 'history' });
    this.scroller = h('div', { class: 'scroller', tabindex: '0', role: 'region', 'aria-label': 'Conversation history' },
      this.historyStatus, this.list);
    this.jump = h('button', { type: 'button', class: 'jump', hidden: true, onclick: () => this.scrollToEnd() }, 'New messages ↓');
    this.composer = new Composer({
      onText: (text, reply) => client.sender.sendText(conversationId, text, reply),
      onImage: (file, size, url, caption, reply) => client.sender.sendImage(conversationId, file, size, url, caption, reply),
      onFile: (file, caption, reply) => client.sender.sendFile(conversationId, file, caption, reply),
      onEdit: (message, text) => client.edit(message, text),
    });
    this.typingLine = new TypingLine(client, conversationId, this.composer, (id) => this.senderName(id));
    this.mentionSuggest = new MentionSuggest(this.composer,
      () => (this.store.details.get(conversationId)?.members ?? []).filter((m) => m.id !== this.store.me.id));
    this.el = h('section', { class: 'chat', 'aria-labelledby': 'chat-title' },
      h('header', { class: 'chat-head' },
        h('a', { href: '#/chats', class: 'back' }, h('span', { 'aria-hidden': 'true' }, '‹ '), 'Chats'),
        this.face,
        h('div', { class: 'chat-heading' }, this.title, this.subtitle),
        this.muteButton, this.settingsButton),
      this.jumpUnread, this.scroller, this.jump, this.typingLine.el, this.mentionSuggest.el, this.composer.el);
    this.title.id = 'chat-title';

    this.context = {
      myId: this.store.me.id,
      showSender: false,
      senderName: (id) => this.senderName(id),
      media: client.media,
      recall: (m) => client.recall(m).catch((problem) => notify(problemText(problem))),
      retry: (m) => client.sender.retry(m),
      discard: (m) => client.sender.discard(m),
      report: (m) => this.report(m),
      decision: (id) => client.decision(id),
      original: (id) => this.loadedMessage(id),
      jumpTo: (id) => this.jumpTo(id),
      download: (m) => client.download(m).catch((problem) => notify(problemText(problem))),
      reply: (m) => this.composer.replyTo({ id: m.id, quote: quoteOf(m) }, replyWords(m, this.senderName(m.senderId))),
      edit: (m) => this.composer.edit(m),
      forward: (m) => this.forward(m),
      copy: (m) => this.copy(m),
      hide: (m) => client.hide(m).then(() => notify('Deleted for you. The others still see it.'),
        (problem) => notify(problemText(problem))),
    };

    this.seen = new IntersectionObserver((entries) => this.onSeen(entries), { root: this.scroller, threshold: 0.5 });
    // An entry can be stale: taken before the first page was drawn and scrolled to the end, and
    // delivered after. So the top is measured again before a page is asked for.
    this.nearTop = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.fillScreen();
    }, { root: this.scroller, rootMargin: `${NEAR_TOP_PX}px 0px 0px 0px` });
    this.nearTop.observe(this.historyStatus);
    this.scroller.addEventListener('scroll', () => {
      if (this.isNearEnd()) this.jump.hidden = true;
    });
    this.onVisibility = () => this.scheduleRead();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.unsubscribe = this.store.subscribe((topic, id) => this.onChange(topic, id));

    this.renderHeader();
    this.renderMessages();
    this.renderRestriction();
    if (!this.store.timeline(conversationId).loaded) this.start();
  }

  /**
   * Brings message {@code seq} (a search result) into view and marks it for a moment, loading older
   * pages until it is there or the conversation's start is.
   */
  async showMessage(seq) {
    this.wanted = seq;
    const timeline = this.store.timeline(this.id);
    // Page by page back to it; each page renders as it arrives (the store announces the timeline).
    while (this.wanted === seq && !this.rowOf(seq) && (!timeline.loaded || timeline.hasMore)) {
      try {
        await this.client.loadHistory(this.id);
      } catch (problem) {
        this.notify(problemText(problem));
        return;
      }
    }
    const row = this.rowOf(seq);
    if (!row || this.wanted !== seq) return;
    row.scrollIntoView({ block: 'center' });
    row.classList.add('found');
    setTimeout(() => row.classList.remove('found'), 2500);
  }

  rowOf(seq) {
    return this.list.querySelector(`li[data-seq="${Number(seq)}"]`);
  }

  /** Loads the newest page, once per timeline (again if the store dropped it). */
  async start() {
    if (this.starting) return;
    this.starting = true;
    try {
      await this.client.loadHistory(this.id);
    } catch (problem) {
      this.historyStatus.replaceChildren(renderProblem(problem));
      return;
    } finally {
      this.starting = false;
    }
    this.fillScreen();
  }

  onChange(topic, id) {
    if (topic === 'timeline' && (id === this.id || id === undefined)) {
      if (!this.store.timeline(this.id).loaded) this.start();
      this.renderMessages();
    } else if (topic === 'conversations' || (topic === 'conversation' && id === this.id)) {
      this.renderHeader();
      this.renderRestriction();
      this.renderReceipts();
    } else if (topic === 'reads' && id === this.id) {
      this.renderReceipts();
    } else if (topic === 'typing' && id === this.id) {
      this.typingLine.render();
    } else if (topic === 'sanctions') {
      this.renderRestriction();
    } else if (topic === 'connection' && this.store.connection === 'live') {
      this.scheduleRead(); // a marker lost while offline goes now
      // Others' read markers in a group come live only: those moved while offline come with the group.
      if (this.detailsRequested) this.client.loadDetails(this.id).catch(() => {});
    } else if (topic === 'removed' && id.conversationId === this.id) {
      this.notify(id.reason === 'removed' ? 'You were removed from this group.' : 'You left the group.');
      goToChats();
    }
  }

  renderHeader() {
    const summary = this.store.conversations.get(this.id);
    if (!summary) {
      this.title.textContent = this.store.loaded ? 'Conversation not found' : 'Loading…';
      return;
    }
    const group = summary.type === 'group';
    if (!this.store.details.has(this.id) && !this.detailsRequested) {
      this.detailsRequested = true; // member names, for the sender of each message, and read markers, for ticks
      this.client.loadDetails(this.id).catch((problem) => this.notify(problemText(problem)));
    }
    this.title.textContent = conversationName(summary);
    const faceKey = group ? `g:${summary.title}:${summary.avatarId}` : `p:${summary.peer?.id}:${summary.peer?.avatarId}`;
    if (faceKey !== this.drawnFace) {
      this.drawnFace = faceKey;
      this.face.replaceChildren(avatar(group ? groupFace(summary) : summary.peer, this.client.media));
    }
    this.muteLabel.textContent = summary.muted ? 'Unmute' : 'Mute';
    this.muteIcon.textContent = summary.muted ? '🔕' : '🔔';
    this.muteButton.setAttribute('aria-pressed', String(Boolean(summary.muted)));
    const handle = summary.peer?.displayName ? ` with @${summary.peer.username}` : '';
    this.subtitle.textContent = !group ? `Direct chat${handle}` : summary.memberCount === 1 ? 'Only you' : `${summary.memberCount} members`;
    this.settingsButton.hidden = !group;
    const names = this.senderNames();
    if (this.context.showSender !== group || (group && names !== this.drawnNames)) {
      this.context.showSender = group;
      this.drawnNames = names;
      this.list.replaceChildren(); // sender names appear or go: rebuild every row
      this.renderMessages();
    }
  }

  /** Groups and direct chats are restricted separately (send_group, send_direct); a suspension takes both. */
  renderRestriction() {
    const summary = this.store.conversations.get(this.id);
    if (!summary) return;
    this.composer.setBlocked(this.store.blocking(summary.type === 'direct' ? 'send_direct' : 'send_group'));
  }

  async toggleMute() {
    const muted = !this.store.conversations.get(this.id)?.muted;
    try {
      await this.client.mute(this.id, muted);
      this.notify(muted ? 'Muted: no alerts from this conversation.' : 'Unmuted.');
    } catch (problem) {
      this.notify(problemText(problem));
    }
  }

  /** Scrolls to the first message unread when the chat opened, loading earlier pages until it is there. */
  async jumpToFirstUnread() {
    const timeline = this.store.timeline(this.id);
    while (!this.list.querySelector('#first-unread') && timeline.hasMore && timeline.loaded) {
      await this.client.loadHistory(this.id);
    }
    this.list.querySelector('#first-unread')?.scrollIntoView({ block: 'start' });
    this.jumpUnread.hidden = true;
  }

  async report(message) {
    const reported = await askReason({
      title: 'Report this message',
      intro: `From ${this.senderName(message.senderId)}. The moderators will read it and decide; you will see what they decided under Safety.`,
      label: 'What is wrong with it?',
      hint: 'Only the moderators read this.',
      submitLabel: 'Report',
      maxLength: 1000,
      action: (reason) => this.client.report({ messageId: message.id }, reason),
    });
    if (reported) this.notify('Reported. Thank you: a moderator will look at it.');
  }

  /** A sender's display name; with the username beside it when another member goes by the same name. */
  senderName(accountId) {
    if (accountId === this.store.me.id) return 'You';
    const members = this.store.details.get(this.id)?.members ?? [];
    const member = members.find((m) => m.id === accountId);
    if (member) return nameText(member, sharedNames(members).has(accountId));
    const peer = this.store.conversations.get(this.id)?.peer;
    return peer?.id === accountId ? nameOf(peer) : 'A former member';
  }

  /** What the senders are called now: when it changes (a profile did), every row is drawn again. */
  senderNames() {
    return (this.store.details.get(this.id)?.members ?? []).map((m) => `${m.id}:${this.senderName(m.id)}`).join('\n');
  }

  /**
   * Re-renders the list without moving what is on screen: at the end it stays at the end (and my
   * own new message always scrolls into view); elsewhere the first visible message keeps its place,
   * also when older pages are put above it.
   */
  renderMessages() {
    const timeline = this.store.timeline(this.id);
    const items = timeline.items();
    const atEnd = this.isNearEnd();
    const anchor = atEnd ? null : this.firstVisibleRow();
    const anchorTop = anchor?.getBoundingClientRect().top;
    const lastBefore = this.list.lastElementChild?.dataset.key;

    // A reply is drawn again when what it quotes changes here (edited, recalled, removed).
    const byId = new Map(items.filter((m) => m.id !== undefined).map((m) => [m.id, m]));
    const keyOf = (m) => timeline.keyOf(m) + (m.replyTo != null ? '|' + quoteState(byId.get(m.replyTo)) : '');
    const first = items.find((m) => m.seq != null);
    // The unread line only when the message it stands above is loaded; before it, "jump" loads pages.
    const rows = this.marks.interleave(items, first && this.firstUnreadSeq >= first.seq ? this.firstUnreadSeq : null);
    syncList(this.list, rows, (m) => (isMark(m) ? m.key : keyOf(m)), (m) => {
      if (isMark(m)) return renderMark(m);
      const row = renderMessage(m, this.context);
      if (m.seq != null) {
        row.dataset.seq = String(m.seq);
        this.seen.observe(row);
      }
      return row;
    });
    this.renderReceipts();

    const last = items[items.length - 1];
    const grew = last && keyOf(last) !== lastBefore;
    if (atEnd || (grew && last.senderId === this.store.me.id && last.delivery === 'sending')) {
      this.scrollToEnd();
    } else {
      if (anchor?.isConnected) this.scroller.scrollTop += anchor.getBoundingClientRect().top - anchorTop;
      if (grew) this.jump.hidden = false;
    }
    this.renderHistoryStatus(timeline);
  }

  renderHistoryStatus(timeline) {
    if (!timeline.loaded) {
      this.historyStatus.replaceChildren(h('p', { class: 'muted' }, 'Loading messages…'));
    } else if (timeline.hasMore) {
      this.historyStatus.replaceChildren(h('button', { type: 'button', class: 'small quiet', onclick: () => this.loadOlder() },
        this.loadingOlder ? 'Loading earlier messages…' : 'Load earlier messages'));
    } else {
      this.historyStatus.replaceChildren(h('p', { class: 'muted' },
        timeline.items().length ? 'This is the start of the conversation.' : 'No messages yet. Say hello!'));
    }
  }

  async loadOlder() {
    const timeline = this.store.timeline(this.id);
    if (this.loadingOlder || !timeline.loaded || !timeline.hasMore) return;
    this.loadingOlder = true;
    try {
      await this.client.loadHistory(this.id);
    } catch (problem) {
      this.notify(problemText(problem));
      return;
    } finally {
      this.loadingOlder = false;
      this.renderHistoryStatus(timeline);
    }
    this.fillScreen();
  }

  /** Ticks under my messages from the members' read markers: drawn again whenever a marker moves. */
  renderReceipts() {
    const view = this.store.details.get(this.id);
    for (const row of this.list.querySelectorAll('.message.mine')) {
      const shown = row.item && receipt(row.item, view, this.store.me.id);
      let el = row.querySelector('.receipt');
      if (!shown) {
        el?.remove();
        continue;
      }
      if (!el) {
        el = h('span', { class: 'receipt' });
        (row.querySelector('.meta') ?? row).append(el);
      }
      el.textContent = shown.ticks;
      el.title = shown.text;
      el.setAttribute('aria-label', shown.text);
      el.classList.toggle('read', shown.read);
      if (view?.type === 'group' && shown.read) el.append(h('span', { class: 'read-by' }, ` ${shown.text.toLowerCase()}`));
    }
  }

  /**
   * The observer speaks only when the top comes into view, not while it stays there: when a page
   * is too short to push it out (a tall screen), the next page is asked for here.
   */
  fillScreen() {
    if (this.topInReach()) this.loadOlder();
  }

  /** Whether the top of the history is within {@code NEAR_TOP_PX} of the view now (the observer's own test). */
  topInReach() {
    return this.historyStatus.getBoundingClientRect().bottom >= this.scroller.getBoundingClientRect().top - NEAR_TOP_PX;
  }

  isNearEnd() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight <= NEAR_BOTTOM_PX;
  }

  scrollToEnd() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.jump.hidden = true;
  }

  firstVisibleRow() {
    const top = this.scroller.getBoundingClientRect().top;
    // A message, not a mark: a day's mark moves up when an earlier page of that day arrives.
    for (const row of this.list.children) {
      if (row.classList.contains('message') && row.getBoundingClientRect().bottom > top) return row;
    }
    return null;
  }

  // Read markers: a message counts as read once half of it has been on screen while the page is visible.

  onSeen(entries) {
    for (const entry of entries) {
      if (entry.isIntersecting) this.visibleRows.add(entry.target);
      else this.visibleRows.delete(entry.target);
    }
    this.scheduleRead();
  }

  scheduleRead() {
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => this.sendRead(), READ_DELAY_MS);
  }

  sendRead() {
    const summary = this.store.conversations.get(this.id);
    // Rows replaced by a newer rendering leave the set when the observer sees them go.
    const seqs = [...this.visibleRows].filter((row) => row.isConnected).map((row) => Number(row.dataset.seq));
    if (!summary || document.visibilityState !== 'visible' || seqs.length === 0) return;
    const seq = Math.max(...seqs);
    if (seq <= summary.lastReadSeq || seq === this.readSent) return;
    this.readSent = seq;
    // A lost marker is sent again the next time a message comes into view; nothing to tell the reader.
    this.client.markRead(this.id, seq).catch(() => { this.readSent = null; });
  }

  /** A message of this conversation already loaded here, by server id. */
  loadedMessage(id) {
    return this.store.timeline(this.id).items().find((m) => m.id === id);
  }

  /** Scrolls to the message a quote names (loading older pages if need be) and highlights it. */
  async jumpTo(id) {
    for (let pages = 0; !this.rowOf(id) && pages < JUMP_PAGES; pages++) {
      const timeline = this.store.timeline(this.id);
      if (!timeline.hasMore) break;
      try {
        await this.client.loadHistory(this.id);
      } catch (problem) {
        this.notify(problemText(problem));
        return;
      }
    }
    const row = this.rowOf(id);
    if (!row) {
      this.notify('That message is no longer here.');
      return;
    }
    row.scrollIntoView({ block: 'center' });
    row.classList.add('highlight');
    setTimeout(() => row.classList.remove('highlight'), HIGHLIGHT_MS);
    row.focus({ preventScroll: true });
  }

  rowOf(id) {
    return this.list.querySelector(`.message[data-id="${Number(id)}"]`);
  }

  async copy(message) {
    try {
      await navigator.clipboard.writeText(message.text);
    } catch {
      // No clipboard API (a plain-http address on the LAN): the old way, through a selection.
      const area = h('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' });
      area.value = message.text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    this.notify('Copied.');
  }

  /** Asks where to, then forwards: a new message there, reviewed there. */
  forward(message) {
    const targets = [...this.store.conversations.values()]
      .sort((a, b) => String(b.updatedAt ?? '').localeCompare(String(a.updatedAt ?? '')));
    const error = h('p', { class: 'problem', role: 'alert', hidden: true });
    const dialog = openDialog('Forward to…',
      h('div', { class: 'dialog-body' },
        error,
        h('ul', { class: 'forward-targets', 'aria-label': 'Conversations' }, targets.map((summary) =>
          h('li', {}, h('button', { type: 'button', class: 'forward-target', onclick: async () => {
            try {
              await this.client.forward(message, summary.id);
              dialog.close();
              this.notify(`Forwarded to ${conversationName(summary)}.`);
            } catch (problem) {
              error.hidden = false;
              error.textContent = problem.code === 'message_refused'
                ? `Not forwarded: ${problem.reasons?.[0]?.title ?? problem.detail}. ${problem.reasons?.[0]?.explanation ?? ''}`
                : problemText(problem);
            }
          } }, conversationName(summary)))))));
    dialog.querySelector('.forward-target')?.focus();
  }

  focus() {
    this.composer.focus();
  }

  destroy() {
    this.unsubscribe();
    this.typingLine.destroy();
    this.mentionSuggest.destroy();
    this.seen.disconnect();
    this.nearTop.disconnect();
    clearTimeout(this.readTimer);
    this.sendRead(); // seen just before leaving still counts
    closeMessageMenu(true);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }
}

/** What a quote of {@code original} depends on, when it is loaded here. */
function quoteState(original) {
  if (!original) return '';
  return [original.status, original.recalledAt ?? '', original.editedAt ?? ''].join(',');
}

/** What a reply shows of the message it answers before the server's copy arrives. */
function quoteOf(message) {
  const kind = !message.media ? 'text' : message.media.kind === 'file' ? 'file' : 'photo';
  return { id: message.id, senderId: message.senderId, kind, text: kind === 'file' ? message.media.name : message.text };
}

/** "Alice: see you at ten", for the composer's "Replying to". */
function replyWords(message, sender) {
  const q = quoteOf(message);
  const what = q.kind === 'photo' ? (q.text ? `Photo: ${q.text}` : 'Photo') : q.kind === 'file' ? `File: ${q.text}` : q.text;
  return `${sender}: ${what.length > 80 ? what.slice(0, 79) + '…' : what}`;
}
