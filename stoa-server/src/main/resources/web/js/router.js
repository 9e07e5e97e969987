// Where the app is, in the URL's fragment: #/chats, #/chats/12, #/contacts, #/safety, #/settings, #/decisions/7,
// #/invite/<code> (an invite link someone shared), #/channels, #/channels/12.
// The fragment gives the browser's back button meaning (on a phone it goes from a chat back to the
// list) and survives reloads.

/** {tab: 'chats'|'contacts'|'safety'|'settings', conversationId, decisionId, inviteCode}: at most one of the three is set. */
export function parseRoute(hash) {
  const channel = /^#\/channels\/(\d+)$/.exec(hash);
  if (channel) return { tab: 'channels', conversationId: null, decisionId: null, inviteCode: null, channelId: Number(channel[1]) };
  const chat = /^#\/chats\/(\d+)$/.exec(hash);
  if (chat) return { tab: 'chats', conversationId: Number(chat[1]), decisionId: null, inviteCode: null };
  const decision = /^#\/decisions\/(\d+)$/.exec(hash);
  if (decision) return { tab: 'safety', conversationId: null, decisionId: Number(decision[1]), inviteCode: null };
  const invite = /^#\/invite\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  if (invite) return { tab: 'contacts', conversationId: null, decisionId: null, inviteCode: invite[1] };
  const tabs = { '#/contacts': 'contacts', '#/safety': 'safety', '#/settings': 'settings', '#/channels': 'channels' };
  const tab = tabs[hash] ?? 'chats';
  return { tab, conversationId: null, decisionId: null, inviteCode: null };
}

export function goToContacts() {
  location.hash = '#/contacts';
}

export function goToChat(conversationId) {
  location.hash = `#/chats/${conversationId}`;
}

export function goToChats() {
  location.hash = '#/chats';
}
