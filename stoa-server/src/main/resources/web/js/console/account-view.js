// An account as moderators review it: find it by username, see its strikes, its sanctions (in force
// and past) and every decision about it; restrict, suspend or ban it, or lift a sanction early.
// Each action takes a written reason, which the account's owner reads in the decision; a permanent
// ban asks for confirmation first, naming what the account keeps.
import { decisionHref, decisionLink, outcomeWords } from '../decision.js';
import { h } from '../dom.js';
import { longTime, shortTime } from '../format.js';
import { renderProblem } from '../problem.js';
import { ALWAYS_KEPT, FEATURES, inForce, sanctionSummary } from '../sanctions.js';
import { confirmAction } from '../views/dialog.js';
import { attempt, field } from '../views/forms.js';
import { askReason } from '../views/reason-dialog.js';
import { accountHref } from './account-names.js';
import { consoleHref } from './console-router.js';

export class AccountView {
  constructor(ctx, username) {
    this.ctx = ctx;
    this.username = username;
    const input = h('input', { name: 'username', value: username || '', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
    const search = h('form', { class: 'inline-form', role: 'search' },
      field('Username', input), h('button', { type: 'submit' }, 'Look up'));
    search.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = input.value.trim().toLowerCase();
      if (name) location.hash = accountHref(name);
    });
    this.body = h('div', { class: 'account-body' });
    this.el = h('section', { class: 'console-section', 'aria-labelledby': 'accounts-heading' },
      h('div', { class: 'section-head' }, h('h2', { id: 'accounts-heading', tabindex: '-1' }, username ? `Account: ${username}` : 'Accounts')),
      search, this.body);
    if (username) this.load();
    else this.body.replaceChildren(h('p', { class: 'muted' }, 'Find an account by its username to see its strikes, sanctions and decisions.'));
  }

  async load() {
    try {
      const review = await this.ctx.api.get(`/moderation/accounts?username=${encodeURIComponent(this.username)}`);
      this.ctx.names.know(review.account.id, review.account.username);
      this.render(review);
    } catch (problem) {
      this.body.replaceChildren(renderProblem(problem));
    }
  }

  render(review) {
    const { account, activeStrikes, activeSanctions, sanctions, decisions } = review;
    const now = Date.now();
    const past = sanctions.filter((s) => s.kind === 'warning' || !inForce(s, now));
    this.body.replaceChildren(
      h('dl', { class: 'facts' },
        h('dt', {}, 'Role'), h('dd', {}, account.role),
        h('dt', {}, 'Joined'), h('dd', {}, longTime(account.createdAt)),
        h('dt', {}, 'Active strikes'), h('dd', { class: 'strikes' }, String(activeStrikes)),
        h('dt', {}, 'Audit log'), h('dd', {}, h('a', { href: consoleHref('audit', null, { account: account.username }) }, `Everything about ${account.username}`))),
      h('h3', {}, 'Sanctions in force'),
      activeSanctions.length === 0
        ? h('p', { class: 'empty' }, 'None: the account can use everything.')
        : h('ul', { class: 'sanctions', 'aria-label': 'Sanctions in force' }, activeSanctions.map((s) => this.activeSanction(s))),
      h('h3', {}, 'Impose a sanction'),
      this.sanctionForm(account),
      h('h3', {}, 'Past sanctions and warnings'),
      past.length === 0 ? h('p', { class: 'empty' }, 'None.')
        : h('ul', { class: 'sanctions' }, past.map((s) => h('li', {}, sanctionSummary(s),
          s.liftedAt && ` Lifted ${longTime(s.liftedAt)}: ${s.liftReason}.`, ' ', decisionLink(s.decisionId)))),
      h('h3', {}, 'Decisions'),
      decisions.length === 0 ? h('p', { class: 'empty' }, 'No decisions about this account.') : decisionTable(decisions));
  }

  activeSanction(sanction) {
    const lift = h('button', { type: 'button', class: 'small' }, 'Lift');
    lift.addEventListener('click', async () => {
      const lifted = await askReason({
        title: `Lift this ${sanction.kind}`,
        intro: sanctionSummary(sanction),
        label: 'Why lift it early?',
        hint: 'The account’s owner reads this in the decision.',
        submitLabel: 'Lift',
        action: (reason) => this.ctx.api.post(`/moderation/sanctions/${sanction.id}/lift`, { reason }),
      });
      if (lifted) {
        this.ctx.notify(`Lifted the ${sanction.kind} on ${this.username}.`);
        this.load();
      }
    });
    return h('li', { class: 'sanction', 'data-kind': sanction.kind }, sanctionSummary(sanction), ' ', decisionLink(sanction.decisionId), ' ', lift);
  }

  sanctionForm(account) {
    const kinds = ['restriction', 'suspension', 'ban'].map((kind) =>
      h('input', { type: 'radio', name: 'kind', value: kind, id: `kind-${kind}`, checked: kind === 'restriction' }));
    const kindHints = { restriction: 'Restriction: takes away the features below', suspension: 'Suspension: no sending at all', ban: 'Ban: no sending, groups or contacts' };
    const features = Object.keys(FEATURES).map((feature) =>
      h('input', { type: 'checkbox', name: 'feature', value: feature, id: `feature-${feature}` }));
    const featureSet = h('fieldset', { class: 'picker' }, h('legend', {}, 'It takes away'),
      features.map((box) => h('div', { class: 'check' }, box, h('label', { for: box.id }, `May not ${FEATURES[box.value]}`))));
    const amount = h('input', { type: 'number', name: 'amount', min: '1', value: '24', class: 'amount', 'aria-label': 'Duration' });
    const unit = h('select', { name: 'unit', 'aria-label': 'Unit' }, h('option', { value: 'h' }, 'hours'), h('option', { value: 'd' }, 'days'));
    const permanent = h('input', { type: 'checkbox', name: 'permanent', id: 'sanction-permanent' });
    const permanentRow = h('div', { class: 'check' }, permanent, h('label', { for: 'sanction-permanent' }, 'Permanent (a ban only)'));
    const rule = h('select', { name: 'rule' }, h('option', { value: '' }, 'No rule named'));
    this.ctx.policy().then((policy) => rule.append(...policy.rules.filter((r) => r.mode === 'enforce')
      .map((r) => h('option', { value: r.id }, `${r.title} (${r.id}, ${r.category})`))), () => {});
    const reason = h('textarea', { name: 'reason', rows: '2', maxlength: '2000', required: true });
    const submit = h('button', { type: 'submit', class: 'danger' }, 'Impose sanction');
    const errors = h('div', { class: 'errors' });
    const form = h('form', { class: 'card sanction-form', 'aria-label': `Sanction ${account.username}`, novalidate: true },
      h('fieldset', { class: 'kinds' }, h('legend', {}, 'Kind'),
        kinds.map((radio) => h('div', { class: 'check' }, radio, h('label', { for: radio.id }, kindHints[radio.value])))),
      featureSet,
      h('div', { class: 'field duration' }, h('span', { class: 'label' }, 'For'), h('div', { class: 'duration-row' }, amount, unit)),
      permanentRow,
      field('Rule it rests on (optional)', rule, 'Its category is the sanction’s: the policy may keep accounts sanctioned'
        + ' in some categories (scams, say) from moving their contacts to a new account.'),
      field('Reason (the account’s owner reads it)', reason),
      errors, submit);
    const kind = () => kinds.find((r) => r.checked).value;
    const sync = () => {
      featureSet.hidden = kind() !== 'restriction';
      permanentRow.hidden = kind() !== 'ban';
      const timed = !(kind() === 'ban' && permanent.checked);
      amount.disabled = !timed;
      unit.disabled = !timed;
    };
    form.addEventListener('change', sync);
    sync();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        kind: kind(),
        reason: reason.value.trim(),
        features: kind() === 'restriction' ? features.filter((b) => b.checked).map((b) => b.value) : undefined,
        duration: amount.disabled ? undefined : `${amount.value}${unit.value}`,
        ruleId: rule.value || undefined,
      };
      if (body.kind === 'ban' && !body.duration && body.reason && !await confirmPermanentBan(account)) return;
      let decision;
      const ok = await attempt(submit, errors, async () => {
        decision = await this.ctx.api.post(`/moderation/accounts/${account.id}/sanctions`, body);
      });
      if (!ok) return;
      this.ctx.notify(`${account.username}: ${sanctionSummary(decision.sanction)}`);
      this.load();
    });
    return form;
  }
}

/** A permanent ban is one form away from a mistake: say what it takes, that only a lift ends it, and what the account keeps. */
function confirmPermanentBan(account) {
  const ban = { kind: 'ban', features: Object.keys(FEATURES), endsAt: null };
  return confirmAction(`Ban ${account.username} permanently?`, 'Ban permanently',
    h('p', {}, sanctionSummary(ban), ' Only a moderator can lift it.'),
    h('p', {}, `${account.username} can still:`),
    h('ul', { class: 'kept' }, ALWAYS_KEPT.map((what) => h('li', {}, what))));
}

function decisionTable(decisions) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, ['When', 'Decision', 'Rule', 'Reason'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, decisions.map((d) => h('tr', {},
      h('td', {}, h('time', { datetime: d.createdAt }, shortTime(d.createdAt))),
      h('td', {}, h('a', { href: decisionHref(d.id) }, `${d.id}: ${outcomeWords(d.outcome)}`)),
      h('td', {}, d.ruleTitle ? `${d.ruleTitle} (${d.ruleId} v${d.ruleVersion})` : '—'),
      h('td', {}, d.moderatorReason || d.excerpt || ''))))));
}
