// Where the app is, in the URL's fragment: #/chats, #/chats/12, #/contacts. The fragment gives the
// browser's back button meaning (on a phone it goes from a chat back to the list) and survives reloads.

export function parseRoute(hash) {
  const match = /^#\/chats\/(\d+)$/.exec(hash);
  if (match) return { tab: 'chats', conversationId: Number(match[1]) };
  if (hash === '#/contacts') return { tab: 'contacts', conversationId: null };
  return { tab: 'chats', conversationId: null };
}

export function goToChat(conversationId) {
  location.hash = `#/chats/${conversationId}`;
}

export function goToChats() {
  location.hash = '#/chats';
}
