// Read receipts from the members' read markers: in a direct chat one tick when my message is sent and
// two when the other member has read it; in a group, two with "read by N" once anyone has.

/** What to show under my delivered message {@code message}, or null: {ticks, text, read}. */
export function receipt(message, view, myId) {
  if (!view || message.seq == null || message.status !== 'delivered' || message.recalledAt) return null;
  const others = view.members.filter((m) => m.id !== myId && m.id !== undefined);
  const readers = others.filter((m) => (m.lastReadSeq ?? 0) >= message.seq).length;
  if (view.type === 'direct') {
    return readers > 0 ? { ticks: '✓✓', text: 'Read', read: true } : { ticks: '✓', text: 'Sent', read: false };
  }
  if (readers === 0) return { ticks: '✓', text: 'Sent', read: false };
  return { ticks: '✓✓', text: readers === others.length ? 'Read by everyone' : `Read by ${readers}`, read: true };
}
