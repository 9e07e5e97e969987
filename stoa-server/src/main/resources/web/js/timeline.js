// The loaded part of one conversation's messages, in display order. Delivered messages sit at
// their seq. Messages only this client knows (sending, failed, refused, held: none has a seq) carry
// a placement {afterSeq, order}: just after the seq that was the newest when they were written, in
// the order they were written, so a refused message stays where its sender wrote it.

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

  /** Adds or replaces a message; true if anything changed. */
  put(message) {
    const key = this.keyOf(message);
    const current = this.byKey.get(key);
    if (current && sameMessage(current, message)) return false;
    // What the server said outranks what this client guessed: once a message has a server id, a
    // late failure (the stream delivered it, the answer was lost) must not mark it unsent again;
    // and a late answer must not undo a recall the stream already brought.
    if (current?.id !== undefined && message.id === undefined) return false;
    if (current?.recalledAt && !message.recalledAt) return false;
    if (current?.editedAt && (!message.editedAt || message.editedAt < current.editedAt)) return false;
    const placement = message.placement ?? current?.placement;
    this.byKey.set(key, placement === undefined ? message : { ...message, placement });
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
  if (m.seq != null) return m.seq;
  return m.placement ? m.placement.afterSeq + 0.5 : Infinity; // held, and written elsewhere: last
}

/** Local clocks and the server's disagree, so messages written here are ordered by when they were written here. */
function compare(a, b) {
  return position(a) - position(b)
    || (a.placement?.order ?? 0) - (b.placement?.order ?? 0)
    || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

function sameMessage(a, b) {
  return a.id === b.id && a.seq === b.seq && a.status === b.status && a.recalledAt === b.recalledAt
    && a.delivery === b.delivery && a.media?.id === b.media?.id && a.text === b.text && a.editedAt === b.editedAt
    && a.quote?.state === b.quote?.state;
}
