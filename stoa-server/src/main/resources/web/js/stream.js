// The event stream: one WebSocket that pushes this account's events in eventSeq order. When it
// drops it reconnects with a fresh single-use ticket and since=<last eventSeq>, so the server
// replays everything missed, with growing, jittered pauses between tries. Away longer than the
// server keeps events (410 since_too_old), it connects afresh and the app reloads its state.
// Posts and notices of followed channels come from the channel log, not from the account's events:
// their frames carry a channelSeq instead of an eventSeq, resumed with channelSince=<last channelSeq>.
// While it is live, messages are sent on it too (message.send, answered by message.ack once durable).
import { Problem } from './problem.js';

const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 30_000;
/** Opens that fail before the backlog arrives, in a row, before since= is suspected (see below). */
const FAILED_RESUMES_BEFORE_RESYNC = 3;
/** A send on a connection that died silently is never answered: after this it fails, and goes again with its clientId. */
const ACK_TIMEOUT_MS = 30_000;

export class EventStream {
  /**
   * @param api          the session's Api, for tickets
   * @param handlers     onEvent(event), onTransient(frame) (typing, others' read markers in groups: no eventSeq,
   *                     never replayed), onReady({resumed}), onStatus('connecting'|'live'|'reconnecting')
   */
  constructor(api, handlers) {
    this.api = api;
    this.handlers = handlers;
    this.lastEventSeq = null;
    this.lastChannelSeq = null;
    this.attempt = 0;
    this.failedResumes = 0;
    this.socket = null;
    this.acks = new Map(); // the open socket's sends waiting for their answer, by requestId
    this.requests = 0;
    this.timer = null;
    this.waiting = false; // a retry is scheduled
    this.stopped = false;
    this.onOnline = () => this.reconnectNow();
  }

  start() {
    window.addEventListener('online', this.onOnline);
    this.setStatus('connecting');
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000, 'logged out');
  }

  async connect() {
    this.waiting = false;
    if (this.stopped) return;
    const resuming = this.lastEventSeq !== null;
    let ticket;
    try {
      // Asked with since=, so that a resume the server can no longer serve is refused here, where a
      // browser can read why (it cannot read a refused WebSocket upgrade).
      ticket = (await this.api.post(resuming ? `/stream/tickets?${this.resumeQuery()}` : '/stream/tickets')).ticket;
    } catch (problem) {
      if (problem.status === 401) return; // the Api already reported the expired session
      if (problem.code === 'since_too_old') {
        // Away longer than the server keeps events: start afresh; the app reloads everything.
        this.lastEventSeq = null;
        this.lastChannelSeq = null;
        this.connect();
        return;
      }
      if (problem.code === 'invalid_channel_since') {
        this.lastChannelSeq = null; // the channel log was reset: followed channels load afresh
        this.connect();
        return;
      }
      this.retryLater();
      return;
    }
    if (this.stopped) return;
    const query = new URLSearchParams(resuming ? this.resumeQuery() : '');
    query.set('ticket', ticket);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/v1/stream?${query}`);
    this.socket = socket;
    const acks = new Map();
    this.acks = acks;
    let ready = false;
    socket.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === 'message.ack' || frame.type === 'stream.error') {
        this.answered(acks, frame);
      } else if (frame.type === 'stream.ready') {
        ready = true;
        this.attempt = 0;
        this.failedResumes = 0;
        if (!resuming) this.lastEventSeq = frame.lastEventSeq;
        if (!resuming || this.lastChannelSeq === null) this.lastChannelSeq = frame.lastChannelSeq ?? null;
        this.setStatus('live');
        this.handlers.onReady({ resumed: resuming });
      } else if (frame.channelSeq !== undefined) {
        if (this.lastChannelSeq !== null && frame.channelSeq <= this.lastChannelSeq) return;
        this.lastChannelSeq = frame.channelSeq;
        this.handlers.onEvent(frame);
      } else if (frame.transient) {
        this.handlers.onTransient(frame);
      } else if (frame.eventSeq !== undefined && frame.eventSeq > this.lastEventSeq) {
        this.lastEventSeq = frame.eventSeq;
        this.handlers.onEvent(frame);
      }
    };
    socket.onclose = () => {
      // Sends without an answer may or may not be stored: they fail as offline, and go again with their clientId.
      for (const waiting of acks.values()) waiting.reject(Problem.offline());
      acks.clear();
      if (socket !== this.socket || this.stopped) return;
      this.socket = null;
      // A browser cannot read why an upgrade was refused. Refusals repeated after a good ticket
      // most likely mean since= is no longer valid (the server's data was reset): start afresh
      // without it, and let the app reload everything instead of retrying forever.
      if (!ready && resuming && ++this.failedResumes >= FAILED_RESUMES_BEFORE_RESYNC) {
        this.lastEventSeq = null;
        this.lastChannelSeq = null;
        this.failedResumes = 0;
      }
      this.retryLater();
    };
  }

  /**
   * Sends a message on the live stream: the body of POST /conversations/{id}/messages beside its
   * conversationId. Resolves with the message (as HTTP's 201 or 202 body) once the server has it on
   * disk, or rejects with the Problem HTTP would answer. Answers null when the stream is not live
   * (connecting, reconnecting): send over HTTP then.
   */
  sendMessage(conversationId, body) {
    const socket = this.socket;
    if (!socket || this.status !== 'live' || socket.readyState !== WebSocket.OPEN) return null;
    const requestId = `r${++this.requests}`;
    const acks = this.acks;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        acks.delete(requestId);
        reject(Problem.offline());
      }, ACK_TIMEOUT_MS);
      const settle = (f) => (value) => {
        clearTimeout(timer);
        f(value);
      };
      acks.set(requestId, { resolve: settle(resolve), reject: settle(reject) });
      socket.send(JSON.stringify({ type: 'message.send', requestId, conversationId, ...body }));
    });
  }

  /** A message.ack (or a stream.error about a frame) settles the send that carried its requestId. */
  answered(acks, frame) {
    const waiting = acks.get(frame.requestId);
    if (!waiting) return;
    acks.delete(frame.requestId);
    if (frame.type === 'message.ack' && frame.status < 300) waiting.resolve(frame.message);
    else waiting.reject(new Problem(frame.problem));
  }

  /** since= and, once a channel position is known, channelSince=. */
  resumeQuery() {
    const query = new URLSearchParams({ since: String(this.lastEventSeq) });
    if (this.lastChannelSeq !== null) query.set('channelSince', String(this.lastChannelSeq));
    return query.toString();
  }

  retryLater() {
    this.setStatus('reconnecting');
    clearTimeout(this.timer);
    this.waiting = true;
    const pause = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** this.attempt);
    this.attempt += 1;
    this.timer = setTimeout(() => this.connect(), pause / 2 + Math.random() * pause / 2);
  }

  /** The network is back: try now rather than at the end of a long pause. */
  reconnectNow() {
    if (this.stopped || !this.waiting) return;
    clearTimeout(this.timer);
    this.attempt = 0;
    this.connect();
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.handlers.onStatus(status);
  }
}
