// The review queue: held, flagged and OCR-withdrawn messages and open reports, oldest first, each
// with what to judge and one-click actions. Moderators are not told of new items as they arrive
// (the stream carries no queue events), so the queue reloads when shown and on Refresh.
import { h } from '../dom.js';
import { renderProblem } from '../problem.js';
import { QueueItem } from './queue-item.js';

export class QueueView {
  constructor(ctx) {
    this.ctx = ctx;
    this.status = h('p', { class: 'muted', role: 'status' }, 'Loading the queue…');
    this.list = h('ol', { class: 'queue', 'aria-label': 'Waiting for review' });
    this.refresh = h('button', { type: 'button', onclick: () => this.load() }, 'Refresh');
    this.el = h('section', { class: 'console-section', 'aria-labelledby': 'queue-heading' },
      h('div', { class: 'section-head' }, h('h2', { id: 'queue-heading', tabindex: '-1' }, 'Review queue'), this.refresh),
      this.status, this.list);
    this.load();
  }

  async load() {
    this.refresh.disabled = true;
    try {
      const [items, policy] = await Promise.all([this.ctx.api.get('/moderation/queue'), this.ctx.policy()]);
      items.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
      for (const item of items) this.ctx.names.know(item.accountId, item.username);
      this.waiting = items.length;
      this.ctx.queueCount(this.waiting);
      this.status.replaceChildren(items.length === 0 ? 'Nothing is waiting. Well done.'
        : `${items.length} ${items.length === 1 ? 'item is' : 'items are'} waiting, oldest first.`);
      this.list.replaceChildren(...items.map((item) => new QueueItem(this.ctx, item, policy, () => this.settled()).el));
    } catch (problem) {
      this.status.replaceChildren(renderProblem(problem));
    } finally {
      this.refresh.disabled = false;
    }
  }

  /** A settled item stays on screen, saying what was done, until the next refresh; the count drops now. */
  settled() {
    this.waiting -= 1;
    this.ctx.queueCount(this.waiting);
  }
}
