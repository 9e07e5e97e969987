// A decision's own page (#/decisions/ID), in the chat's main pane or the console's: the statement
// of reasons, loaded once, with a way back to where the link was.
import { renderDecision } from '../decision.js';
import { h } from '../dom.js';
import { renderProblem } from '../problem.js';

export class DecisionPage {
  /**
   * @param load      () -> Promise of the decision
   * @param fallback  where "Back" leads when this page was opened directly (an address)
   * @param extra     decision -> extra [term, node] rows (the console adds the account)
   * @param media     a MediaCache, for the image a decision is about
   * @param redress   decision -> {el, destroy()} under the decision instead of the server's redress
   *                  text (the chat's appeal panel)
   */
  constructor(load, { fallback, extra = () => [], media, redress }) {
    this.redress = null;
    this.destroyed = false;
    this.body = h('div', { class: 'decision-body' }, h('p', { class: 'muted' }, 'Loading the decision…'));
    this.el = h('section', { class: 'decision-page', 'aria-label': 'Decision' },
      h('a', { href: fallback, class: 'back-link', onclick: (event) => this.back(event) },
        h('span', { 'aria-hidden': 'true' }, '‹ '), 'Back'),
      this.body);
    load().then((decision) => {
      if (this.destroyed) return;
      this.redress = redress?.(decision) ?? null;
      this.body.replaceChildren(renderDecision(decision, { extra: extra(decision), media, redress: this.redress?.el }));
      this.body.querySelector('h2').focus();
    }, (problem) => this.body.replaceChildren(renderProblem(problem)));
  }

  destroy() {
    this.destroyed = true;
    this.redress?.destroy();
  }

  back(event) {
    if (history.length > 1) {
      event.preventDefault();
      history.back();
    }
  }
}
