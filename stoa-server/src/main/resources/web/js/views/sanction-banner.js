// The banner under the top bar while a sanction is in force: what it takes away, until when, and a
// link to the decision behind it (where it can be appealed). It goes by itself when the sanction ends
// (the store says when). A warning from the strike ladder shows here too until it is acknowledged:
// for most rules the ladder climbs no further until the person has read it.
import { decisionLink } from '../decision.js';
import { h } from '../dom.js';
import { sanctionSentence } from '../sanctions.js';

export class SanctionBanner {
  /** @param acknowledge(decisionId) acknowledges the warning of that decision */
  constructor(store, { acknowledge }) {
    this.store = store;
    this.acknowledge = acknowledge;
    this.el = h('div', { class: 'sanction-banner', role: 'status', hidden: true });
    this.unsubscribe = store.subscribe((topic) => {
      if (topic === 'sanctions') this.render();
    });
    this.render();
  }

  render() {
    const active = this.store.activeSanctions();
    const warnings = this.store.unacknowledgedWarnings();
    this.el.hidden = active.length === 0 && warnings.length === 0;
    this.el.replaceChildren(
      ...warnings.map((w) => h('p', { class: 'warning', 'data-decision': String(w.decisionId) },
        h('strong', {}, 'Warning: '), 'a message of yours broke a rule. Nothing is taken away, but further offences lead to restrictions. ',
        decisionLink(w.decisionId, 'Why?'), ' ',
        h('button', { type: 'button', class: 'small', onclick: (event) => {
          event.target.disabled = true;
          this.acknowledge(w.decisionId);
        } }, 'I understand'))),
      ...active.map((s) => h('p', { class: 'sanction', 'data-kind': s.kind, 'data-ends-at': s.endsAt || '' },
        sanctionSentence(s), ' You can still read all your conversations. ', decisionLink(s.decisionId, 'Why? You can appeal'))));
  }

  destroy() {
    this.unsubscribe();
  }
}
