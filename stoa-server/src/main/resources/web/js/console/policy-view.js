// The policy in force, read-only: its version, whether OCR runs, its banks, and every rule with
// its version, action, mode and, for rules in shadow mode, how often they would have acted. The
// policy is a file on the server; editing it there reloads it.
import { h } from '../dom.js';
import { renderProblem } from '../problem.js';
import { consoleHref } from './console-router.js';

export class PolicyView {
  constructor(ctx) {
    this.body = h('div', {}, h('p', { class: 'muted' }, 'Loading the policy…'));
    this.el = h('section', { class: 'console-section', 'aria-labelledby': 'policy-heading' },
      h('div', { class: 'section-head' }, h('h2', { id: 'policy-heading', tabindex: '-1' }, 'Policy')),
      this.body);
    ctx.policy({ fresh: true }).then((policy) => this.render(policy), (problem) => this.body.replaceChildren(renderProblem(problem)));
  }

  render(policy) {
    this.body.replaceChildren(
      h('dl', { class: 'facts' },
        h('dt', {}, 'Version'), h('dd', {}, h('code', { class: 'policy-version' }, policy.version)),
        h('dt', {}, 'OCR'), h('dd', { class: 'ocr-status' }, policy.ocr),
        h('dt', {}, 'Banks'), h('dd', {}, policy.banks.map((b, i) => [i > 0 && ', ', h('a', { href: consoleHref('banks', b) }, b)]))),
      h('p', { class: 'muted' }, 'Read-only here: edit the policy file on the server, which reloads it when it changes and keeps the running policy if the file has a mistake.'),
      h('h3', {}, `Rules (${policy.rules.length})`),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data rules' },
        h('thead', {}, h('tr', {}, ['Rule', 'Version', 'Category', 'Scope', 'Action', 'Mode', 'Severity', 'Shadow hits', 'Conditions']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, policy.rules.map((r) => h('tr', { 'data-rule': r.id, 'data-mode': r.mode },
          h('th', { scope: 'row' }, h('span', { class: 'rule-title' }, r.title), h('br'), h('code', {}, r.id),
            h('p', { class: 'muted' }, r.explanation)),
          h('td', {}, String(r.version)),
          h('td', {}, r.category),
          h('td', {}, r.scope),
          h('td', {}, r.action),
          h('td', {}, r.mode),
          h('td', {}, String(r.severity)),
          h('td', { class: 'shadow-hits' }, r.mode === 'shadow' ? String(r.shadowHits) : '—'),
          h('td', {}, h('ul', { class: 'conditions' }, r.conditions.map((c) => h('li', {}, h('code', {}, c)))))))))));
  }
}
