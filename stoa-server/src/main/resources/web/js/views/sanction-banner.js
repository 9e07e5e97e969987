// The banner under the top bar while a sanction is in force: what it takes away, until when, and a
// link to the decision behind it. It goes by itself when the sanction ends (the store says when).
import { decisionLink } from '../decision.js';
import { h } from '../dom.js';
import { sanctionSentence } from '../sanctions.js';

export class SanctionBanner {
  constructor(store) {
    this.store = store;
    this.el = h('div', { class: 'sanction-banner', role: 'status', hidden: true });
    this.unsubscribe = store.subscribe((topic) => {
      if (topic === 'sanctions') this.render();
    });
    this.render();
  }

  render() {
    const active = this.store.activeSanctions();
    this.el.hidden = active.length === 0;
    this.el.replaceChildren(...active.map((s) => h('p', { class: 'sanction', 'data-kind': s.kind, 'data-ends-at': s.endsAt || '' },
      sanctionSentence(s), ' You can still read all your conversations. ', decisionLink(s.decisionId, 'Why?'))));
  }

  destroy() {
    this.unsubscribe();
  }
}
