// The one place that shows what moderation did to a message. Its sender can see a refusal (422
// message_refused: nothing was stored; the reasons name each rule, the decision says the rest), a
// hold (202, status "held": a moderator decides before anyone else sees it), and a take-down
// (status "withdrawn" after OCR, or "removed" by a moderator). Everyone sees a take-down as a
// short notice in place of the content, which the server no longer sends; only its sender, whom
// the decision is about, is shown why and linked to the decision. A message given back after an
// appeal says so, to everyone.
import { decisionLink } from './decision.js';
import { h } from './dom.js';

/**
 * {kind: 'refused', reasons, decisionId} | {kind: 'held'} | {kind: 'removed'|'withdrawn', notice, decisionId}
 * | {kind: 'appealed', decisionId} (delivered or restored after an appeal) | null
 */
export function moderationOf(message) {
  if (message.delivery === 'refused') {
    return { kind: 'refused', reasons: message.refusal.reasons, decisionId: message.refusal.decisionId };
  }
  if (message.status === 'held') return { kind: 'held' };
  if (message.status === 'removed' || message.status === 'withdrawn') {
    return { kind: message.status, notice: message.moderation?.notice, decisionId: message.moderation?.decisionId };
  }
  if (message.moderation?.afterAppeal) return { kind: 'appealed', decisionId: message.moderation.decisionId };
  return null;
}

/** What stands in the bubble of a message taken down, or null if it was not. */
export function renderTakenDown(message) {
  const state = moderationOf(message);
  if (state?.kind !== 'removed' && state?.kind !== 'withdrawn') return null;
  const notice = state.notice || (state.kind === 'removed' ? 'removed by a moderator' : 'withdrawn: it broke a rule');
  return h('p', { class: 'taken-down' }, `This message was ${notice}.`);
}

/**
 * The block under a message that says what moderation did, or null.
 * @param context {mine, decision(id) -> Promise of a decision about me}
 */
export function renderModeration(message, context) {
  const state = moderationOf(message);
  if (!state) return null;
  switch (state.kind) {
    case 'refused':
      return h('div', { class: 'moderation refused' },
        h('p', { class: 'moderation-label' }, 'Not delivered'),
        state.reasons.map(renderReason),
        state.decisionId != null && h('p', {}, decisionLink(state.decisionId, 'Why? See the decision')));
    case 'held':
      return h('div', { class: 'moderation held' },
        h('p', { class: 'moderation-label' }, 'Pending review'),
        h('p', {}, 'A moderator will look at this message before anyone else can see it.'));
    case 'removed':
    case 'withdrawn':
      return context.mine && state.decisionId != null ? renderTakeDownReason(state, context) : null;
    case 'appealed':
      return h('div', { class: 'moderation appealed' },
        h('p', { class: 'moderation-label' }, 'Delivered after an appeal'),
        context.mine && h('p', {}, decisionLink(state.decisionId, 'See the decision')));
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

/** The moderator's written reason (or, for an automated withdrawal, the rule's explanation), once the decision is in. */
function renderTakeDownReason(state, context) {
  const why = h('p', { class: 'moderator-reason' });
  context.decision(state.decisionId).then((d) => {
    const reason = d.moderatorReason || d.ruleExplanation;
    if (reason) why.textContent = `Reason: ${reason}`;
  }, () => {}); // the link below still leads to the decision, which says what went wrong
  return h('div', { class: `moderation ${state.kind}` },
    h('p', { class: 'moderation-label' }, state.kind === 'removed' ? 'Removed' : 'Withdrawn'),
    why,
    h('p', {}, decisionLink(state.decisionId, 'See the decision')));
}
