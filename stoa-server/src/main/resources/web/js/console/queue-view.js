// The review queue: held, flagged and OCR-withdrawn messages and open reports, oldest first, each
// with what to judge and one-click actions. It follows the queue live: new items join the end, the
// count is the server's, and an item someone else dealt with says so. A settled item stays on
// screen, saying what was done, until Refresh, which also clears what others dealt with and
// leaves what still waits as it is.
import { h } from '../dom.js';
import { renderProblem } from '../problem.js';
import { QueueItem } from './queue-item.js';
import { queueKey } from './review-queue.js';

export class QueueView {
  constructor(ctx) {
    this.ctx = ctx;
    this.shown = new Map(); // queueKey -> QueueItem on screen
    this.status = h('p', { class: 'muted queue-status', role: 'status' }, 'Loading the queue…');
    this.list = h('ol', { class: 'queue', 'aria-label': 'Waiting for review' });
    this.refresh = h('button', { type: 'button', onclick: () => this.reload() }, 'Refresh');
    this.el = h('section', { class: 'console-section', 'aria-labelledby': 'queue-heading' },
      h('div', { class: 'section-head' }, h('h2', { id: 'queue-heading', tabindex: '-1' }, 'Review queue'), this.refresh),
      this.status, this.list);
    this.policy = ctx.policy();
    this.unwatch = ctx.queue.watch((items) => this.update(items), (problem) => this.status.replaceChildren(renderProblem(problem)));
    this.reload();
  }

  /** Starts the list afresh from the server's queue. */
  async reload() {
    this.refresh.disabled = true;
    this.fresh = true;
    try {
      await this.ctx.queue.refresh();
    } finally {
      this.refresh.disabled = false;
    }
  }

  async update(items) {
    let policy;
    try {
      policy = await this.policy;
    } catch (problem) {
      this.policy = this.ctx.policy(); // asked again next time
      this.status.replaceChildren(renderProblem(problem));
      return;
    }
    const waiting = new Set(items.map(queueKey));
    if (this.fresh) {
      // Refresh clears what was dealt with; an item still waiting stays as it is, with a reason
      // half written in it (a live update may have shown it before the refresh's answer came).
      this.fresh = false;
      for (const [key, shown] of this.shown) {
        if (waiting.has(key)) continue;
        shown.el.remove();
        this.shown.delete(key);
      }
    }
    for (const item of items) this.ctx.names.know(item.accountId, item.username);
    for (const [key, shown] of this.shown) {
      if (!waiting.has(key)) shown.settledElsewhere();
    }
    for (const item of items) {
      if (this.shown.has(queueKey(item))) continue;
      const shown = new QueueItem(this.ctx, item, policy);
      this.shown.set(queueKey(item), shown);
      this.list.append(shown.el);
    }
    this.status.replaceChildren(items.length === 0 ? 'Nothing is waiting. Well done.'
      : `${items.length} ${items.length === 1 ? 'item is' : 'items are'} waiting, oldest first.`);
  }

  destroy() {
    this.unwatch();
  }
}
