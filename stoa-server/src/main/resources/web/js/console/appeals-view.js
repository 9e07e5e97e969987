// The appeals queue: open appeals, overdue first (escalated to admins), then the soonest due; or the
// decided ones. Each case shows the decision appealed, the appellant's statement, and for the
// moderator looking whether they may decide it; if not, why not. Reloads when shown and on Refresh.
import { h } from '../dom.js';
import { renderProblem } from '../problem.js';
import { AppealCase } from './appeal-case.js';
import { consoleHref } from './console-router.js';

export class AppealsView {
  constructor(ctx, query) {
    this.ctx = ctx;
    this.decided = query.get('status') === 'decided';
    this.status = h('p', { class: 'muted', role: 'status' }, 'Loading the appeals…');
    this.list = h('ol', { class: 'queue appeals-queue', 'aria-label': this.decided ? 'Decided appeals' : 'Open appeals' });
    this.refresh = h('button', { type: 'button', onclick: () => this.load() }, 'Refresh');
    const other = this.decided
      ? h('a', { href: consoleHref('appeals') }, 'Show open appeals')
      : h('a', { href: consoleHref('appeals', null, { status: 'decided' }) }, 'Show decided appeals');
    this.el = h('section', { class: 'console-section', 'aria-labelledby': 'appeals-heading' },
      h('div', { class: 'section-head' },
        h('h2', { id: 'appeals-heading', tabindex: '-1' }, this.decided ? 'Decided appeals' : 'Appeals'),
        h('div', { class: 'actions' }, other, this.refresh)),
      h('p', { class: 'muted section-intro' }, 'Whoever took a decision, acted on its case or reported its content does not decide its appeal. '
        + 'Every outcome needs a written reason, which the appellant reads.'),
      this.status, this.list);
    this.load();
  }

  async load() {
    this.refresh.disabled = true;
    try {
      const cases = await this.ctx.api.get(`/moderation/appeals?status=${this.decided ? 'decided' : 'open'}`);
      if (!this.decided) this.setCount(cases.length);
      const overdue = cases.filter((c) => c.appeal.overdue).length;
      this.status.replaceChildren(cases.length === 0
        ? (this.decided ? 'No appeal has been decided yet.' : 'No appeal is waiting.')
        : this.decided ? `${cases.length} decided, newest first.`
          : `${cases.length} waiting${overdue ? `, ${overdue} overdue and shown first` : ''}.`);
      this.list.replaceChildren(...cases.map((c) => new AppealCase(this.ctx, c, () => this.setCount(this.waiting - 1)).el));
    } catch (problem) {
      this.status.replaceChildren(renderProblem(problem));
    } finally {
      this.refresh.disabled = false;
    }
  }

  setCount(count) {
    this.waiting = count;
    this.ctx.appealCount(count);
  }
}
