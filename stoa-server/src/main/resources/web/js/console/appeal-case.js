// One appeal in the console: the decision appealed (what, which rule, the content), the appellant's
// statement and request, its deadline, and the outcome buttons. Reverse, uphold and modify each need
// a written reason of 20 characters or more; modify also a new end or scope for the sanction. A
// moderator who cannot decide it sees why instead of the buttons.
import { appealStateWords, REQUEST_WORDS, renderAppeal } from '../appeal.js';
import { decisionLink, outcomeWords } from '../decision.js';
import { h, uid } from '../dom.js';
import { longTime } from '../format.js';
import { problemContent } from '../problem.js';
import { FEATURES, sanctionSummary } from '../sanctions.js';
import { field } from '../views/forms.js';
import { accountHref } from './account-names.js';

const MIN_REASON = 20;

export class AppealCase {
  /** @param onSettled called once this moderator decided it */
  constructor(ctx, item, onSettled) {
    this.ctx = ctx;
    this.item = item;
    this.onSettled = onSettled;
    const { appeal, decision } = item;
    const headingId = uid('appeal');
    this.result = h('div', { class: 'result', role: 'status' });
    this.el = h('li', { class: 'card appeal-case', 'data-status': appeal.status, 'data-overdue': String(appeal.overdue),
      'aria-labelledby': headingId },
      h('h3', { id: headingId }, `Appeal of decision ${decision.id}: ${outcomeWords(decision.outcome)}`,
        decision.ruleTitle && ` (${decision.ruleTitle})`),
      h('p', { class: 'muted' }, 'From ', h('a', { href: accountHref(item.appellant) }, item.appellant), ' · filed ',
        h('time', { datetime: appeal.filedAt }, longTime(appeal.filedAt)), ' · asks ', REQUEST_WORDS[appeal.requestedOutcome]),
      appeal.overdue && h('p', { class: 'overdue', role: 'note' }, h('strong', {}, 'Overdue. '),
        `It was due by ${longTime(appeal.decideBy)}`, item.escalated ? ' and has been escalated to the admins.' : '.'),
      h('dl', { class: 'facts' }, facts(item)),
      appeal.status === 'decided' ? renderAppeal(appeal) : this.actions(),
      this.result);
  }

  actions() {
    const { item } = this;
    if (!item.canDecide) {
      return h('p', { class: 'conflict', role: 'note' }, h('strong', {}, 'You cannot decide this appeal: '), `${item.conflict}. `,
        'Another moderator must.');
    }
    this.reason = h('textarea', { rows: '3', maxlength: '2000', required: true, minlength: String(MIN_REASON) });
    const sanction = item.decision.sanction;
    const modifiable = sanction && sanction.kind !== 'warning' && !sanction.liftedAt;
    this.modify = modifiable && this.modifyFields(sanction);
    const buttons = [
      ['reversed', 'Reverse', 'primary'],
      ['upheld', 'Uphold', ''],
      modifiable && ['modified', 'Modify the sanction', ''],
    ].filter(Boolean).map(([outcome, label, cls]) =>
      h('button', { type: 'button', class: cls, 'data-outcome': outcome, onclick: () => this.decide(outcome) }, label));
    this.buttons = buttons;
    this.form = h('div', { class: 'queue-actions' },
      !item.independent && h('p', { class: 'note' }, `${item.conflict}.`),
      field(`Your reason (at least ${MIN_REASON} characters; the appellant reads it)`, this.reason),
      this.modify?.el,
      h('div', { class: 'actions' }, buttons));
    return this.form;
  }

  /** A new end for the sanction and, for a restriction, what it takes away. */
  modifyFields(sanction) {
    const end = h('input', { type: 'datetime-local', name: 'endsAt' });
    const boxes = sanction.kind === 'restriction' ? Object.keys(FEATURES).map((f) =>
      h('input', { type: 'checkbox', value: f, id: uid(`modify-${f}`), checked: sanction.features.includes(f) })) : [];
    const el = h('fieldset', { class: 'picker modify' }, h('legend', {}, `Modify: ${sanctionSummary(sanction)}`),
      field('New end (your local time; empty keeps the end)', end),
      boxes.map((box) => h('div', { class: 'check' }, box, h('label', { for: box.id }, `May not ${FEATURES[box.value]}`))));
    return {
      el,
      /** The body's "sanction": what changed, or null if nothing did. */
      change: () => {
        const features = boxes.filter((b) => b.checked).map((b) => b.value);
        const changedScope = boxes.length > 0 && features.sort().join() !== [...sanction.features].sort().join();
        const body = {};
        if (end.value) body.endsAt = new Date(end.value).toISOString();
        if (changedScope) body.features = features;
        return Object.keys(body).length ? body : null;
      },
    };
  }

  async decide(outcome) {
    const reason = this.reason.value.trim();
    if (reason.length < MIN_REASON) {
      this.result.replaceChildren(h('p', { class: 'problem', role: 'alert' },
        `Write the appellant a reason of at least ${MIN_REASON} characters: they read it.`));
      this.reason.focus();
      return;
    }
    const body = { outcome, reason };
    if (outcome === 'modified') {
      body.sanction = this.modify.change();
      if (!body.sanction) {
        this.result.replaceChildren(h('p', { class: 'problem', role: 'alert' }, 'Give the sanction a new end or scope first.'));
        return;
      }
    }
    for (const b of this.buttons) b.disabled = true;
    this.result.replaceChildren();
    try {
      const decided = await this.ctx.api.post(`/moderation/appeals/${this.item.appeal.id}/decide`, body);
      this.form.replaceWith(renderAppeal(decided));
      this.el.dataset.status = 'decided';
      this.result.replaceChildren(h('p', { class: 'done' }, `${appealStateWords(decided)} The appellant is told. `,
        decisionLink(decided.outcomeDecisionId)));
      this.onSettled();
    } catch (problem) {
      this.result.replaceChildren(h('p', { class: 'problem', role: 'alert' }, problemContent(problem)));
    } finally {
      for (const b of this.buttons) b.disabled = false;
    }
  }
}

function facts(item) {
  const { decision: d } = item;
  const rows = [
    ['Decision', [decisionLink(d.id), ` · ${longTime(d.createdAt)}`]],
    ['What happened', d.visibility || outcomeWords(d.outcome)],
    d.excerpt && ['Content', h('blockquote', { class: 'quote' }, d.excerpt)],
    d.ruleId && ['Rule', `${d.ruleTitle} (${d.ruleId}, version ${d.ruleVersion})`],
    d.moderatorReason && ['Moderator’s reason', d.moderatorReason],
    d.sanction && ['Sanction', sanctionSummary(d.sanction)],
    ['How it was decided', d.automation === 'fully' ? 'Automated' : 'By a moderator'],
    ['Statement', h('blockquote', { class: 'quote statement' }, item.appeal.statement)],
  ].filter(Boolean);
  return rows.map(([term, detail]) => [h('dt', {}, term), h('dd', {}, detail)]);
}
