// Appeals in words: what the person affected can do about a decision, and where an appeal stands.
// The chat (a decision's page, the Safety tab) and the console (the Appeals queue) both describe
// appeals through here, so an appellant and their moderator read the same words.
import { decisionLink } from './decision.js';
import { h } from './dom.js';
import { longTime } from './format.js';
import { sanctionSummary } from './sanctions.js';

export const OUTCOME_WORDS = { upheld: 'Upheld', reversed: 'Reversed', modified: 'Changed' };
export const REQUEST_WORDS = { reverse: 'to reverse it', reduce: 'to reduce the sanction', clarify: 'for a clearer reason' };

/**
 * Whether {@code me} may appeal {@code decision} at all: the person it is about, or the reporter of a
 * report it dismissed (the server knows; the chat only sees dismissals of its own reports), while
 * its window is open.
 */
export function appealable(decision, me, now = Date.now()) {
  if (!decision.appealableUntil || Date.parse(decision.appealableUntil) <= now) return false;
  return decision.outcome === 'dismissed' ? decision.accountId !== me : decision.accountId === me;
}

/** "Appeal until 12 May 2027, 14:05", for lists. */
export function deadlineWords(decision) {
  return `Appeal until ${longTime(decision.appealableUntil)}`;
}

/** One line for an appeal's state: "Waiting for a moderator, due by ...", "Reversed on ...". */
export function appealStateWords(appeal) {
  if (appeal.status === 'open') {
    return appeal.overdue
      ? `Overdue since ${longTime(appeal.decideBy)}: it has gone to the server’s admins.`
      : `Waiting for a moderator who took no part in the decision; due by ${longTime(appeal.decideBy)}.`;
  }
  return `${OUTCOME_WORDS[appeal.outcome] || appeal.outcome} on ${longTime(appeal.decidedAt)}.`;
}

/** Who decided, as the appellant is told: never a name, always whether they were independent. */
function deciderWords(appeal) {
  if (appeal.decidedBy === 'policy') return 'Decided by the server’s policy, because no moderator decided in time.';
  return appeal.independent
    ? 'Decided by a moderator who took no part in the original decision.'
    : 'Decided by an admin who was involved in the case, because nobody else on this server could decide it.';
}

/** An appeal as its appellant (or a moderator) reads it: what was asked, and the outcome with its reason. */
export function renderAppeal(appeal) {
  const rows = [
    ['Asked', `${REQUEST_WORDS[appeal.requestedOutcome] || appeal.requestedOutcome}, on ${longTime(appeal.filedAt)}`],
    ['Statement', h('blockquote', { class: 'quote' }, appeal.statement)],
    ['Status', h('span', { class: 'appeal-status' }, appealStateWords(appeal))],
    appeal.status === 'decided' && ['Reason', h('p', { class: 'appeal-reason' }, appeal.reason)],
    appeal.status === 'decided' && ['Who decided', deciderWords(appeal)],
    appeal.ruleId && appeal.status === 'decided' && ['Rule relied on', `${appeal.ruleId}, version ${appeal.ruleVersion}`],
    appeal.sanctionBefore && ['Sanction before', sanctionSummary(appeal.sanctionBefore)],
    appeal.sanctionAfter && ['Sanction now', sanctionSummary(appeal.sanctionAfter)],
    appeal.outcomeDecisionId != null && ['Outcome', decisionLink(appeal.outcomeDecisionId, `Decision ${appeal.outcomeDecisionId}`)],
  ].filter(Boolean);
  return h('div', { class: 'appeal', 'data-status': appeal.status, 'data-outcome': appeal.outcome || '' },
    h('dl', { class: 'facts' }, rows.map(([term, detail]) => [h('dt', {}, term), h('dd', {}, detail)])));
}
