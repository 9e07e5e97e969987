// Channels in words: the one place a channel's state and a restriction (a sanction on it, or its end)
// become sentences, for the channel page, the list, the notices in its timeline and the console.
import { longTime } from './format.js';

const STATE_WORDS = {
  active: '',
  demoted: 'Demoted: not listed in Discover; posts are still delivered.',
  posting_paused: 'Posting is paused: no new posts for now.',
  frozen: 'Frozen: read-only; its posts stay visible.',
  closed: 'Closed.',
};

const KIND_WORDS = {
  demoted: 'demoted (out of Discover)',
  posting_paused: 'paused (no new posts)',
  frozen: 'frozen (read-only)',
  closed: 'closed',
};

/** What a channel's state means for its readers, or '' while it is active. */
export function stateWords(state) {
  return STATE_WORDS[state] ?? state;
}

/** "This channel was frozen (read-only) on 5 Dec 2026, 13:07 under the rule Scam, until 12 Dec 2026, 13:07." */
export function restrictionSentence(r) {
  const ground = r.rule ? ` under the rule “${r.rule.title}”` : '';
  const end = r.until ? `, until ${longTime(r.until)}` : ', permanently';
  return `This channel was ${KIND_WORDS[r.kind] ?? r.kind} on ${longTime(r.since)}${ground}${end}.`;
}

/** The notice of a restriction's end. */
export function liftedSentence(r) {
  return `The channel is no longer ${KIND_WORDS[r.kind] ?? r.kind}: restored on ${longTime(r.liftedAt)}.`;
}

/** The explanation readers get: the rule's public explanation, or the moderator's reason when no rule was named. */
export function restrictionGround(r) {
  return r.rule ? r.rule.explanation : r.reason ? `Reason given: ${r.reason}` : '';
}

/** The channel page for its id: #/channels/12. */
export function channelHref(id) {
  return `#/channels/${id}`;
}
