// Safety: what moderation has to do with me. Sanctions in force and strikes, the reports I made and
// what became of them, my appeals and where they stand, and every decision about me, each linked to
// its statement of reasons, where it can be appealed while its window is open.
import { appealable, appealStateWords, deadlineWords, OUTCOME_WORDS } from '../appeal.js';
import { decisionHref, outcomeWords } from '../decision.js';
import { fill, h } from '../dom.js';
import { shortTime } from '../format.js';
import { renderProblem } from '../problem.js';
import { sanctionSentence } from '../sanctions.js';

export class SafetyView {
  constructor(client) {
    this.client = client;
    this.store = client.store;
    this.shown = false;
    this.standing = h('div', { class: 'standing' });
    this.reports = h('ul', { class: 'people reports', 'aria-label': 'Your reports' });
    this.decisions = h('ul', { class: 'people decisions', 'aria-label': 'Decisions about you' });
    this.appeals = h('ul', { class: 'people appeals', 'aria-label': 'Your appeals' });
    this.lastDecisions = null;
    this.errors = h('div', { class: 'errors' });
    this.el = h('section', { class: 'panel safety', 'aria-labelledby': 'safety-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'safety-heading' }, 'Safety')),
      h('div', { class: 'people-section' },
        h('h3', {}, 'Your account'), this.standing,
        h('h3', {}, 'Your appeals'), this.appeals,
        h('h3', {}, 'Your reports'), this.reports,
        h('h3', {}, 'Decisions about you'), this.decisions,
        this.errors));
    this.unsubscribe = this.store.subscribe((topic) => {
      if (topic === 'sanctions') this.renderStanding();
      if (topic === 'reports') this.renderReports();
      if (topic === 'decision' && this.shown) this.loadDecisions();
      if (topic === 'appeals') {
        this.renderAppeals();
        if (this.lastDecisions) this.renderDecisions(this.lastDecisions);
        this.renderReports();
      }
    });
    this.renderStanding();
    this.renderAppeals();
  }

  /** Reports and decisions load when the panel is first shown, and decisions again as new ones arrive. */
  show() {
    if (this.shown) return;
    this.shown = true;
    this.client.loadReports().catch((problem) => this.errors.replaceChildren(renderProblem(problem)));
    this.loadDecisions();
  }

  async loadDecisions() {
    try {
      this.renderDecisions(await this.client.myDecisions());
    } catch (problem) {
      this.errors.replaceChildren(renderProblem(problem));
    }
  }

  renderStanding() {
    const active = this.store.activeSanctions();
    const strikes = this.store.activeStrikes;
    fill(this.standing,
      active.length === 0
        ? h('p', { class: 'empty' }, 'Nothing is restricted: you can use all of Stoa.')
        : active.map((s) => h('p', { class: 'sanction' }, sanctionSentence(s))),
      h('p', { class: 'muted' }, strikes === 0 ? 'No strikes.'
        : `${strikes} active ${strikes === 1 ? 'strike' : 'strikes'}. Strikes come with decisions that took content down, lead to restrictions as they add up, and expire after a while.`));
  }

  renderReports() {
    const reports = this.store.reportList();
    this.reports.replaceChildren(...(reports.length === 0
      ? [h('li', { class: 'empty' }, 'You have not reported anything. Use Report on a message or a contact.')]
      : reports.map((r) => h('li', { class: 'report', 'data-status': r.status },
        h('p', {}, h('strong', {}, r.messageId != null ? 'A message' : 'An account'), ` (${shortTime(r.createdAt)}): “${r.reason}”`),
        h('p', { class: 'report-outcome' }, r.status === 'open' ? 'Waiting for a moderator.' : `Resolved: ${r.outcome}.`),
        this.reportAppeal(r)))));
  }

  /** A report dismissed without action can be appealed by its reporter, from the dismissal's page. */
  reportAppeal(report) {
    if (report.status !== 'resolved' || report.decisionId == null || !report.outcome?.startsWith('no action')) return null;
    const appeal = this.store.appealOf(report.decisionId);
    return h('p', { class: 'muted' }, h('a', { href: decisionHref(report.decisionId) },
      appeal ? `Your appeal: ${appealStateWords(appeal)}` : 'Disagree? You can appeal this'));
  }

  renderAppeals() {
    const appeals = this.store.appealList();
    this.appeals.replaceChildren(...(appeals.length === 0
      ? [h('li', { class: 'empty' }, 'No appeals. Every decision about you can be appealed from its page.')]
      : appeals.map((a) => h('li', { class: 'appeal-item', 'data-status': a.status, 'data-outcome': a.outcome || '' },
        h('a', { href: decisionHref(a.decisionId) },
          a.status === 'decided' ? `Appeal of decision ${a.decisionId}: ${OUTCOME_WORDS[a.outcome]}` : `Appeal of decision ${a.decisionId}`),
        h('p', { class: 'muted' }, appealStateWords(a)),
        a.status === 'decided' && h('p', { class: 'appeal-reason' }, a.reason)))));
  }

  renderDecisions(decisions) {
    this.lastDecisions = decisions;
    const me = this.store.me.id;
    this.decisions.replaceChildren(...(decisions.length === 0
      ? [h('li', { class: 'empty' }, 'No decisions about you.')]
      : decisions.map((d) => {
        const appeal = this.store.appealOf(d.id);
        const note = appeal ? `Appealed: ${appealStateWords(appeal)}` : appealable(d, me) ? deadlineWords(d) : null;
        return h('li', {},
          h('a', { href: decisionHref(d.id) }, `${outcomeWords(d.outcome)}${d.ruleTitle ? `: ${d.ruleTitle}` : ''}`),
          h('span', { class: 'muted' }, ` ${shortTime(d.createdAt)}`),
          note && h('p', { class: 'decision-appeal muted' }, note));
      })));
  }

  destroy() {
    this.unsubscribe();
  }
}
