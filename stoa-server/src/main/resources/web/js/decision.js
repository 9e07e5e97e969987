// A moderation decision as a statement of reasons (GET /api/v1/decisions/{id}): what was restricted,
// the content and the evidence, the rule and its version, the policy version, how automated it was,
// where it came from, any sanction with its scope and end, and what the person can do about it.
// The chat shows it to the person affected, the console to moderators, from this one renderer.
import { h } from './dom.js';
import { longTime } from './format.js';
import { sanctionSummary } from './sanctions.js';

const OUTCOMES = {
  refused: 'Not delivered',
  held: 'Held for review',
  flagged: 'Delivered, flagged for review',
  shadow: 'Recorded only (a rule in shadow mode)',
  withdrawn: 'Withdrawn after delivery',
  removed: 'Removed by a moderator',
  approved: 'Approved by a moderator',
  sanctioned: 'Account sanctioned',
  lifted: 'Sanction lifted',
  dismissed: 'No action taken',
  upheld: 'Appeal decided: the decision stands',
  reversed: 'Appeal decided: reversed',
  modified: 'Appeal decided: the sanction was changed',
  move_refused: 'Move refused',
};

const AUTOMATION = {
  fully: 'Fully automated: found and decided by software',
  partially: 'Partly automated: found by software, decided by a moderator',
  not: 'Decided by a moderator',
};

const SOURCES = {
  automated: 'automated detection',
  user_report: 'a report from a user',
  moderator: 'a moderator’s own review',
  appeal: 'an appeal',
};

export function outcomeWords(outcome) {
  return OUTCOMES[outcome] || outcome;
}

/** The address of a decision's page, in the chat and in the console alike. */
export function decisionHref(decisionId) {
  return `#/decisions/${decisionId}`;
}

/** A link to a decision's page, e.g. "Why? See decision 12". */
export function decisionLink(decisionId, label = `See decision ${decisionId}`) {
  return h('a', { href: decisionHref(decisionId), class: 'decision-link' }, label);
}

/**
 * @param decision  the API's Decision
 * @param extra     rows a moderator sees besides (e.g. a link to the account), as [term, node] pairs
 * @param media     a MediaCache, to show the image a decision is about to whoever may see it
 * @param redress   what stands under it instead of the server's redress text (the chat's appeal panel)
 */
export function renderDecision(decision, { extra = [], media, redress } = {}) {
  const d = decision;
  const rows = [
    ['What happened', d.visibility || outcomeWords(d.outcome)],
    d.excerpt && ['Content', renderExcerpt(d.excerpt, media)],
    d.ruleId && ['Rule', h('span', {}, h('strong', { class: 'rule-title' }, d.ruleTitle), ` (${d.ruleId}, version ${d.ruleVersion})`,
      d.ruleExplanation && h('span', { class: 'rule-explanation' }, ` ${d.ruleExplanation}`))],
    d.hits?.length > 0 && ['Evidence', h('ul', { class: 'evidence' }, d.hits.map((hit) => h('li', {}, hit.describe)))],
    d.policyVersion && ['Policy version', h('code', {}, d.policyVersion)],
    d.mode === 'shadow' && ['Mode', 'Shadow: the rule only records what it would have done'],
    ['How it was decided', `${AUTOMATION[d.automation] || d.automation}, after ${SOURCES[d.source] || d.source}.`],
    d.moderatorReason && ['Moderator’s reason', h('p', { class: 'moderator-reason' }, d.moderatorReason)],
    d.strikes > 0 && ['Strikes', `${d.strikes} ${d.strikes === 1 ? 'strike' : 'strikes'} added to the account`],
    d.sanction && ['Sanction', sanctionLine(d.sanction)],
    d.status === 'pending' && ['Status', 'Pending: a moderator has yet to decide'],
    d.appealOf != null && ['Appeal of', decisionLink(d.appealOf, `Decision ${d.appealOf}`)],
    d.carriedFrom && ['Carried over', `From decision ${d.carriedFrom.decisionId}, about the account that moved to this one`],
    d.carriedTo && ['Carried over', `To decision ${d.carriedTo.decisionId}, about the account this one moved to`],
    ...extra,
  ].filter(Boolean);
  return h('article', { class: 'decision', 'aria-labelledby': `decision-${d.id}` },
    h('h2', { id: `decision-${d.id}`, tabindex: '-1' }, `Decision ${d.id}: ${outcomeWords(d.outcome)}`),
    h('p', { class: 'muted' }, h('time', { datetime: d.createdAt }, longTime(d.createdAt))),
    h('dl', { class: 'facts' }, rows.map(([term, detail]) => [h('dt', {}, term), h('dd', {}, detail)])),
    redress ?? (d.redress && h('section', { class: 'redress' }, h('h3', {}, 'If you think this is wrong'), h('p', {}, d.redress))));
}

/**
 * The server quotes an image as "image <media id>". Its sender may still load it (they uploaded it),
 * so they see the picture itself; anyone else, or a failed load, keeps the quote.
 */
function renderExcerpt(excerpt, media) {
  const quote = h('blockquote', { class: 'quote' }, excerpt);
  const image = /^image (\S+)$/.exec(excerpt);
  if (!image || !media) return quote;
  const box = h('div', { class: 'decision-image' }, quote);
  media.load(image[1]).then(
    (url) => box.replaceChildren(h('img', { src: url, alt: 'The image this decision is about' })),
    () => {});
  return box;
}

function sanctionLine(sanction) {
  const lifted = sanction.liftedAt ? ` Lifted ${longTime(sanction.liftedAt)}: ${sanction.liftReason}.` : '';
  return h('span', { class: 'sanction', 'data-ends-at': sanction.endsAt || '' }, sanctionSummary(sanction) + lifted);
}
