// The loaded part of one conversation's messages, in display order. Delivered messages sit at
// their seq. Messages only this client knows (sending, failed, refused, held: none has a seq) sit
// just after the seq that was the newest when they were written (afterSeq), so a refused message
// stays where its sender wrote it.

export class Timeline {
  constructor(myId) {
    this.myId = myId;
    this.byKey = new Map();
    this.hasMore = true;
    this.loaded = false;
    this.sorted = null;
  }

  /**
   * The identity of a message across its life: my own messages by clientId, so the bubble shown
   * while sending is the one that becomes delivered; everyone else's by server id.
   */
  keyOf(message) {
    return message.senderId === this.myId ? 'c:' + message.clientId : 'm:' + message.id;
  }

  get(key) {
    return this.byKey.get(key);
  }

  /** Adds or replaces a message; true if anything changed. */
  put(message) {
    const key = this.keyOf(message);
    const current = this.byKey.get(key);
    if (current && sameMessage(current, message)) return false;
    // A late answer must not undo what the stream already said (delivered, then recalled).
    if (current && current.recalledAt && !message.recalledAt) return false;
    const afterSeq = message.afterSeq ?? current?.afterSeq;
    this.byKey.set(key, afterSeq === undefined ? message : { ...message, afterSeq });
    this.sorted = null;
    return true;
  }

  remove(key) {
    this.sorted = null;
    return this.byKey.delete(key);
  }

  /** The smallest seq loaded, for fetching the page before it. */
  oldestSeq() {
    let oldest = null;
    for (const m of this.byKey.values()) if (m.seq != null && (oldest === null || m.seq < oldest)) oldest = m.seq;
    return oldest;
  }

  items() {
    if (!this.sorted) this.sorted = [...this.byKey.values()].sort(compare);
    return this.sorted;
  }
}

function position(m) {
  return m.seq ?? (m.afterSeq ?? 0) + 0.5;
}

function compare(a, b) {
  return position(a) - position(b) || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

function sameMessage(a, b) {
  return a.id === b.id && a.seq === b.seq && a.status === b.status && a.recalledAt === b.recalledAt
    && a.delivery === b.delivery && a.media?.id === b.media?.id;
}
