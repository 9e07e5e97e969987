// The one place that shows what moderation did to a message. Today the sender can see two things:
// a refusal (422 message_refused: nothing was stored, the reasons name each rule) and a hold (202,
// status "held": a moderator decides before anyone else sees it). Later states (a decision link to
// appeal, a message withdrawn after delivery) are new cases of moderationOf and renderModeration.
import { h } from './dom.js';

/** {kind: 'refused', reasons} | {kind: 'held'} | null */
export function moderationOf(message) {
  if (message.delivery === 'refused') return { kind: 'refused', reasons: message.refusal.reasons };
  if (message.status === 'held') return { kind: 'held' };
  return null;
}

export function renderModeration(message) {
  const state = moderationOf(message);
  if (!state) return null;
  switch (state.kind) {
    case 'refused':
      return h('div', { class: 'moderation refused' },
        h('p', { class: 'moderation-label' }, 'Not delivered'),
        state.reasons.map(renderReason));
    case 'held':
      return h('div', { class: 'moderation held' },
        h('p', { class: 'moderation-label' }, 'Pending review'),
        h('p', {}, 'A moderator will look at this message before anyone else can see it.'));
    default:
      return null;
  }
}

function renderReason(reason) {
  return h('div', { class: 'reason' },
    h('p', {}, h('strong', { class: 'rule-title' }, reason.title), ' ', reason.explanation),
    h('details', {},
      h('summary', {}, 'Details'),
      h('p', {}, `Rule ${reason.ruleId}, version ${reason.ruleVersion}`, reason.evidence ? `: ${reason.evidence}` : '')));
}
