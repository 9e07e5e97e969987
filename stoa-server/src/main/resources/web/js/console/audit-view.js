// The audit log, newest first: every automated and human action. Filters (who acted, which account,
// which rule, a time window) are typed as usernames and local times and kept in the address; the
// API takes account ids and UTC instants, so names are looked up before the query.
import { decisionLink } from '../decision.js';
import { fill, h } from '../dom.js';
import { longTime } from '../format.js';
import { renderProblem } from '../problem.js';
import { field } from '../views/forms.js';
import { consoleHref } from './console-router.js';

const LIMIT = 200;

export class AuditView {
  constructor(ctx, query) {
    this.ctx = ctx;
    this.filter = Object.fromEntries(['actor', 'account', 'rule', 'from', 'to'].map((k) => [k, query.get(k) || '']));
    this.results = h('div', { class: 'audit-results' });
    this.el = h('section', { class: 'console-section', 'aria-labelledby': 'audit-heading' },
      h('div', { class: 'section-head' }, h('h2', { id: 'audit-heading', tabindex: '-1' }, 'Audit log')),
      this.form(), this.results);
    this.load();
  }

  form() {
    const inputs = {
      actor: h('input', { name: 'actor', value: this.filter.actor, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' }),
      account: h('input', { name: 'account', value: this.filter.account, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' }),
      rule: h('select', { name: 'rule' }, h('option', { value: '' }, 'Any rule')),
      from: h('input', { name: 'from', type: 'datetime-local', value: this.filter.from }),
      to: h('input', { name: 'to', type: 'datetime-local', value: this.filter.to }),
    };
    this.ctx.policy().then((policy) => {
      inputs.rule.append(...policy.rules.map((r) => h('option', { value: r.id, selected: r.id === this.filter.rule }, `${r.title} (${r.id})`)));
    }, () => {}); // without the policy only "Any rule" is offered; the log itself still loads
    const form = h('form', { class: 'filters', 'aria-label': 'Filter the audit log' },
      field('Done by (username)', inputs.actor),
      field('About account (username)', inputs.account),
      field('Rule', inputs.rule),
      field('From', inputs.from),
      field('Until', inputs.to),
      h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'primary' }, 'Filter'),
        h('a', { href: '#/audit', class: 'button' }, 'Clear')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()]));
      location.hash = consoleHref('audit', null, { ...values, actor: values.actor.toLowerCase(), account: values.account.toLowerCase() });
    });
    return form;
  }

  async load() {
    this.results.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    try {
      const query = new URLSearchParams({ limit: String(LIMIT) });
      if (this.filter.actor) query.set('actor', String(await this.accountId(this.filter.actor)));
      if (this.filter.account) query.set('account', String(await this.accountId(this.filter.account)));
      if (this.filter.rule) query.set('rule', this.filter.rule);
      if (this.filter.from) query.set('from', new Date(this.filter.from).toISOString());
      if (this.filter.to) query.set('to', new Date(this.filter.to).toISOString());
      this.render(await this.ctx.api.get(`/moderation/audit?${query}`));
    } catch (problem) {
      this.results.replaceChildren(renderProblem(problem));
    }
  }

  async accountId(username) {
    const review = await this.ctx.api.get(`/moderation/accounts?username=${encodeURIComponent(username)}`);
    this.ctx.names.know(review.account.id, review.account.username);
    return review.account.id;
  }

  render(entries) {
    const { names } = this.ctx;
    fill(this.results,
      h('p', { class: 'muted', role: 'status' }, entries.length === 0 ? 'Nothing matches these filters.'
        : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, newest first${entries.length === LIMIT ? ` (the latest ${LIMIT}; narrow the filters to see older ones)` : ''}.`),
      entries.length > 0 && h('div', { class: 'table-wrap' }, h('table', { class: 'data audit' },
        h('thead', {}, h('tr', {}, ['When', 'Done by', 'Action', 'Account', 'Rule', 'Decision', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, entries.map((e) => h('tr', { 'data-action': e.action },
          h('td', {}, h('time', { datetime: e.at }, longTime(e.at))),
          h('td', {}, e.actorId != null ? names.link(e.actorId) : h('span', { class: 'muted' }, 'automated')),
          h('td', {}, e.action),
          h('td', {}, e.accountId != null ? names.link(e.accountId) : ''),
          h('td', {}, e.ruleId || ''),
          h('td', {}, e.decisionId != null ? decisionLink(e.decisionId, String(e.decisionId)) : ''),
          h('td', { class: 'details' }, e.details || '')))))));
  }
}
