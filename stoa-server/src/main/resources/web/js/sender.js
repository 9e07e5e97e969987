// Sending. A message shows at once (optimistic), marked "sending", then goes to the server with a
// clientId made here. The clientId makes retries safe: the server stores and delivers a message
// once however often it is sent, and answers a retry with the message it already has. The outcome
// replaces the optimistic bubble: delivered, held for review, refused (kept here, since the server
// keeps nothing), or failed, with a retry. A message goes on the event stream while it is live, and
// over HTTP otherwise (connecting, reconnecting): both answer alike, and the clientId keeps a send
// that went both ways (a stream lost before its answer, then HTTP) to one message.

export class Sender {
  /** stream: the EventStream, whose sendMessage answers null when it cannot send. */
  constructor(api, store, media, stream) {
    this.api = api;
    this.stream = stream;
    this.store = store;
    this.media = media;
    this.inFlight = new Set();
  }

  /** reply: the message this one answers ({id, quote}), or undefined. */
  sendText(conversationId, text, reply) {
    return this.start({ conversationId, text, ...replyFields(reply) });
  }

  /**
   * size: the image's pixel size, known from the preview, so its bubble has its final shape at once;
   * caption: its text, sent in the same message (or undefined).
   */
  sendImage(conversationId, file, size, previewUrl, caption, reply) {
    return this.start({ conversationId, file, previewUrl, text: caption, media: { contentType: file.type, ...size },
      ...replyFields(reply) });
  }

  /** A file (PDF, text, office document, archive), with an optional caption. */
  sendFile(conversationId, file, caption, reply) {
    return this.start({ conversationId, file, text: caption,
      media: { kind: 'file', contentType: file.type, name: file.name, size: file.size }, ...replyFields(reply) });
  }

  start(fields) {
    const summary = this.store.conversations.get(fields.conversationId);
    return this.deliver({
      ...fields,
      clientId: newClientId(),
      senderId: this.store.me.id,
      createdAt: new Date().toISOString(),
      placement: { afterSeq: summary ? summary.lastSeq : 0, order: Date.now() },
    });
  }

  /** Sends again with the same clientId: at most one copy is ever delivered. */
  retry(message) {
    return this.deliver(message);
  }

  /** After the stream comes back, resends what failed for want of a connection. */
  retryInterrupted() {
    for (const timeline of this.store.timelines.values()) {
      for (const m of timeline.items()) {
        if (m.delivery === 'failed' && m.problem.transient) this.deliver(m);
      }
    }
  }

  /** Takes a failed or refused message off the screen (and out of storage). */
  discard(message) {
    this.store.keptLocally.forget(message.clientId);
    this.store.removeMessage(message.conversationId, this.store.timeline(message.conversationId).keyOf(message));
  }

  /** The stream while it is live, else HTTP: the message as stored, or the Problem either answers. */
  post(conversationId, body) {
    return this.stream.sendMessage(conversationId, body) || this.api.post(`/conversations/${conversationId}/messages`, body);
  }

  async deliver(draft) {
    if (this.inFlight.has(draft.clientId)) return;
    this.inFlight.add(draft.clientId);
    let message = { ...draft, delivery: 'sending', problem: undefined };
    this.store.putMessage(message);
    try {
      if (message.file && !message.media.id) {
        const uploaded = await this.api.upload(message.file);
        if (message.previewUrl) this.media.seed(uploaded.id, message.previewUrl);
        message = { ...message, media: { ...message.media, id: uploaded.id, kind: uploaded.kind, width: uploaded.width,
          height: uploaded.height, name: uploaded.name, size: uploaded.size } };
      }
      const body = { clientId: message.clientId };
      if (message.text !== undefined) body.text = message.text;
      if (message.media) body.mediaId = message.media.id;
      if (message.replyTo !== undefined) body.replyTo = message.replyTo;
      const saved = { ...await this.post(message.conversationId, body), placement: message.placement };
      if (saved.status === 'held') this.store.keptLocally.keep(saved);
      this.store.putMessage(saved);
    } catch (problem) {
      if (problem.code === 'message_refused') {
        const refused = { ...message, delivery: 'refused',
          refusal: { detail: problem.detail, reasons: problem.reasons || [], decisionId: problem.decisionId } };
        this.store.keptLocally.keep(refused);
        this.store.putMessage(refused);
      } else {
        this.store.putMessage({ ...message, delivery: 'failed', problem });
      }
    } finally {
      this.inFlight.delete(draft.clientId);
    }
  }
}

function replyFields(reply) {
  return reply ? { replyTo: reply.id, quote: reply.quote } : {};
}

/** 128 random bits. crypto.randomUUID exists only on https and localhost; a LAN server may be plain http. */
function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
