// Where the app is, in the URL's fragment: #/chats, #/chats/12, #/chats/12/at/40 (message 40 of chat 12, a
// search result), #/discover, #/contacts, #/channels, #/channels/12, #/channels/12/posts/5 (post 5 of
// channel 12, a search result), #/safety, #/settings, #/decisions/7,
// #/invite/<code> (an invite link someone shared).
// The fragment gives the browser's back button meaning (on a phone it goes from a chat back to the
// list) and survives reloads.

/**
 * {tab: 'chats'|'discover'|'contacts'|'channels'|'safety'|'settings', conversationId, decisionId, inviteCode,
 * channelId}: at most one of the ids is set; {@code seq}, with a conversation, is the message to show, and
 * {@code postId}, with a channel, the post.
 */
export function parseRoute(hash) {
  const channel = /^#\/channels\/(\d+)(?:\/posts\/(\d+))?$/.exec(hash);
  if (channel) {
    return { tab: 'channels', conversationId: null, decisionId: null, inviteCode: null, channelId: Number(channel[1]),
      postId: channel[2] ? Number(channel[2]) : null };
  }
  const chat = /^#\/chats\/(\d+)(?:\/at\/(\d+))?$/.exec(hash);
  if (chat) return { tab: 'chats', conversationId: Number(chat[1]), decisionId: null, inviteCode: null, seq: chat[2] ? Number(chat[2]) : null };
  const decision = /^#\/decisions\/(\d+)$/.exec(hash);
  if (decision) return { tab: 'safety', conversationId: null, decisionId: Number(decision[1]), inviteCode: null };
  const invite = /^#\/invite\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  if (invite) return { tab: 'contacts', conversationId: null, decisionId: null, inviteCode: invite[1] };
  const tabs = { '#/discover': 'discover', '#/contacts': 'contacts', '#/safety': 'safety', '#/settings': 'settings',
    '#/channels': 'channels' };
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
