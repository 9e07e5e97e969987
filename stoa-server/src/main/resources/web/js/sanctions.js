// Sanctions in words, and which of them hold at a given moment. The chat (its banner, the controls a
// sanction greys out, a 403 account_restricted) and the moderator console (an account's sanctions)
// both describe sanctions through here, so a person and their moderator read the same words.
import { longTime } from './format.js';

/** What each feature a restriction can take away lets a person do. */
export const FEATURES = {
  send_group: 'send messages in groups',
  send_direct: 'send direct messages',
  create_group: 'create groups',
  add_contacts: 'add contacts',
  post_channel: 'post in channels',
};

/**
 * What a person keeps under any sanction, a permanent ban included: what they "can still" do. Only
 * what Stoa does today.
 */
export const ALWAYS_KEPT = [
  'log in',
  'read their conversations',
  'see the decisions about them and the reasons given',
  'appeal them, to a moderator who took no part in them',
  'take their data with them (Download my data)',
  'move to a new account and tell their contacts where they went, unless the policy refuses that for the sanction’s category',
];

const KINDS = {
  restriction: 'Restriction', suspension: 'Suspension', ban: 'Ban',
  // A channel's ladder (channels.js says what each means for the channel).
  demoted: 'Channel demoted', posting_paused: 'Channel posting paused', frozen: 'Channel frozen', closed: 'Channel closed',
};
const STATES = { restriction: 'restricted', suspension: 'suspended', ban: 'banned' };

/** Takes something away at {@code now} (ms): not a warning, not lifted, started and not yet over. */
export function inForce(sanction, now = Date.now()) {
  return sanction.kind !== 'warning' && !sanction.liftedAt && Date.parse(sanction.startsAt) <= now
    && (!sanction.endsAt || Date.parse(sanction.endsAt) > now);
}

/** The sanction in force that takes {@code feature} away, or undefined. */
export function blocking(sanctions, feature, now = Date.now()) {
  return sanctions.find((s) => inForce(s, now) && s.features.includes(feature));
}

function kindWords(sanction) {
  return KINDS[sanction.kind] || sanction.kind;
}

/** "send messages in groups or create groups", in the order of FEATURES whatever the order given. */
function scopeWords(features) {
  const known = Object.keys(FEATURES);
  const words = known.filter((f) => features.includes(f)).map((f) => FEATURES[f])
    .concat(features.filter((f) => !known.includes(f)));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : words.join('');
}

/** "until 22 Nov 2026, 14:05", or "permanently" for a ban without an end. */
function untilWords(sanction) {
  return sanction.endsAt ? `until ${longTime(sanction.endsAt)}` : 'permanently';
}

/** One sentence for the person a sanction in force holds back, naming what it takes away and when it ends. */
export function sanctionSentence(sanction) {
  const state = STATES[sanction.kind] || sanction.kind;
  const scope = sanction.features.length ? `: you cannot ${scopeWords(sanction.features)}` : '';
  return `Your account is ${state} ${untilWords(sanction)}${scope}.`;
}

/** The same for moderators: "Restriction: cannot send messages in groups, until 22 Nov 2026, 14:05." */
export function sanctionSummary(sanction) {
  if (sanction.kind === 'warning') return 'Warning: nothing taken away.';
  if (sanction.channelId) return `${kindWords(sanction)} (channel ${sanction.channelId}), ${untilWords(sanction)}.`;
  const scope = sanction.features.length ? `: cannot ${scopeWords(sanction.features)}` : '';
  return `${kindWords(sanction)}${scope}, ${untilWords(sanction)}.`;
}
