// The one place a move becomes words: a move card as its recipient reads it (who moved where, and
// what accepting does), and a move as the account that moved follows it.
import { longTime } from './format.js';
import { nameText } from './people.js';

/** "alice moved to alice2." or "... to alice@chat.example.org, on another Stoa server." */
export function cardSentence(card) {
  const where = card.sameServer ? card.to : `${card.to}, on another Stoa server`;
  return `${nameText(card.from, true)} moved to ${where}.`;
}

/** What accepting a card does, before it is accepted. */
export function cardOffer(card) {
  if (!card.sameServer) {
    return 'Their new address was checked with that server. Stoa cannot add accounts on other servers for you yet:'
      + ' keep the address to reach them there.';
  }
  const groups = card.groups.map((g) => groupName(g));
  const parts = [];
  if (card.wasContact) parts.push(`adds ${card.to} to your contacts`);
  if (groups.length > 0) parts.push(`adds ${card.to} back to ${list(groups)}`);
  return parts.length > 0 ? `Accepting ${list(parts)}, in one step.` : '';
}

/** The accept button's words: what one tap does. */
export function acceptLabel(card) {
  if (!card.sameServer) return 'Keep the address';
  return card.wasContact ? `Add ${card.to}` : `Re-invite ${card.to}`;
}

/** A card just accepted, as a passing notice. */
export function acceptedNotice(card) {
  if (!card.sameServer) return `Kept: ${nameText(card.from, true)} is now ${card.to}.`;
  const back = card.groups.filter((g) => g.reinvitedAt).map((g) => groupName(g));
  const parts = [];
  if (card.wasContact) parts.push('to your contacts');
  if (back.length > 0) parts.push(`back to ${list(back)}`);
  return parts.length > 0 ? `Added ${card.to} ${list(parts)}.` : `Accepted: ${nameText(card.from, true)} is now ${card.to}.`;
}

/** My move: where to, since when, and how my contacts answered. */
export function moveSentences(move) {
  const out = [];
  if (move.status === 'active') {
    out.push(`You moved to ${move.to} on ${longTime(move.createdAt)}. Your profile says so, and every contact got a card.`);
  } else if (move.status === 'cancelled') {
    out.push(`You cancelled your move to ${move.to} on ${longTime(move.endedAt)}; the cards not yet answered were withdrawn.`);
  } else {
    out.push(`Your move to ${move.to} was replaced by a later move.`);
  }
  out.push(`${count(move.accepted, 'contact')} accepted, ${count(move.pending, 'has', 'have')} not answered yet, `
    + `${move.ignored} ignored it${move.withdrawn ? `, ${move.withdrawn} withdrawn` : ''}.`);
  return out;
}

function count(n, one, many) {
  if (many) return `${n} ${n === 1 ? one : many}`;
  return `${n} ${n === 1 ? one : `${one}s`}`;
}

function groupName(group) {
  return group.title ? `“${group.title}”` : 'a group';
}

function list(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
