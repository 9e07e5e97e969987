// Typing, both ways: while I type, the other members are told every few seconds (the server passes it
// on and keeps nothing); while they type, a line above the composer says so until they send or stop.
import { h } from '../dom.js';

/** A typing notice is sent at most this often while typing goes on (the store shows one for 6 s). */
const NOTICE_EVERY_MS = 4000;

export class TypingLine {
  /** @param composer the chat's Composer; nameOf(accountId) a member's name */
  constructor(client, conversationId, composer, nameOf) {
    this.client = client;
    this.id = conversationId;
    this.nameOf = nameOf;
    this.lastNotice = 0;
    this.el = h('p', { class: 'typing', 'aria-live': 'polite' });
    this.onInput = () => {
      const typed = composer.text.value.trim().length;
      // The first character of a new message is news at once (the last send cleared the line over there).
      if (typed === 0 || (typed > 1 && Date.now() - this.lastNotice < NOTICE_EVERY_MS)) return;
      this.lastNotice = Date.now();
      client.typing(conversationId);
    };
    composer.text.addEventListener('input', this.onInput);
    this.composer = composer;
    this.render();
  }

  render() {
    const names = this.client.store.typing(this.id).map((id) => this.nameOf(id));
    this.el.textContent = names.length === 0 ? ''
      : names.length === 1 ? `${names[0]} is typing…`
        : names.length === 2 ? `${names[0]} and ${names[1]} are typing…` : 'Several people are typing…';
    this.el.classList.toggle('active', names.length > 0);
  }

  destroy() {
    this.composer.text.removeEventListener('input', this.onInput);
  }
}
