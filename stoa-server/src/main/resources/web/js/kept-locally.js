// Sent messages that only their sender's browser knows: refused ones (the server stores nothing
// for them) and held ones (history leaves them out until a moderator releases them; a removed one
// stays here as its notice). They are kept in the same storage as the session, so they outlive a
// reload but not a log-out.

export class KeptLocally {
  constructor(storage, accountId) {
    this.storage = storage;
    this.key = `stoa.kept.${accountId}`;
    try {
      this.messages = JSON.parse(storage.getItem(this.key)) || [];
    } catch {
      this.messages = [];
    }
  }

  forConversation(conversationId) {
    return this.messages.filter((m) => m.conversationId === conversationId);
  }

  /** A held message by its server id. */
  withId(messageId) {
    return this.messages.find((m) => m.id === messageId);
  }

  keep(message) {
    this.messages = this.messages.filter((m) => m.clientId !== message.clientId);
    // Only what is needed to show it again; the picked file and its preview URL do not survive a reload.
    const { file, previewUrl, ...lasting } = message;
    this.messages.push(lasting);
    this.save();
  }

  /** Called when the server delivers a message with this clientId after all (a held one released). */
  forget(clientId) {
    const before = this.messages.length;
    this.messages = this.messages.filter((m) => m.clientId !== clientId);
    if (this.messages.length !== before) this.save();
  }

  clear() {
    this.storage.removeItem(this.key);
    this.messages = [];
  }

  save() {
    this.storage.setItem(this.key, JSON.stringify(this.messages));
  }
}
