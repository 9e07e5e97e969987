// Mentions: "@username" as a whole word names that account (not "@alice2" for alice, nor an e-mail
// address); the server counts unread ones the same way (conversations.Mentions).

const USERNAME_CHAR = /[a-z0-9_.]/;

/** Whether {@code text} mentions {@code username}. */
export function mentions(text, username) {
  if (!text || !username) return false;
  const lower = text.toLowerCase();
  const handle = `@${username}`;
  for (let at = lower.indexOf(handle); at >= 0; at = lower.indexOf(handle, at + 1)) {
    const startsWord = at === 0 || !USERNAME_CHAR.test(lower[at - 1]);
    const end = at + handle.length;
    // A full stop ends a sentence unless a username character follows it.
    const endsWord = end === lower.length || !USERNAME_CHAR.test(lower[end])
      || (lower[end] === '.' && (end + 1 === lower.length || !USERNAME_CHAR.test(lower[end + 1])));
    if (startsWord && endsWord) return true;
  }
  return false;
}

/** The "@name" being typed just before {@code caret} in {@code text}, or null: for suggesting members. */
export function mentionAt(text, caret) {
  const match = /(^|[^a-z0-9_.@])@([a-z0-9_.]*)$/i.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, prefix: match[2].toLowerCase() } : null;
}
