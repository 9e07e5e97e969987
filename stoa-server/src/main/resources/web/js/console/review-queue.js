// What waits in the review queue, as the server last said, for the console's count and the queue
// section. The server tells moderators' streams when the queue changes (moderation.queue); each
// change asks for the queue again, and changes that come while a request is out share the next one.
export class ReviewQueue {
  constructor(api) {
    this.api = api;
    this.items = null; // the last answer, oldest first; null until the first
    this.watchers = new Set();
    this.loading = null;
    this.again = false;
  }

  /** Calls onItems(items) after every refresh and onProblem(problem) when one fails; answers a way to stop. */
  watch(onItems, onProblem) {
    const watcher = { onItems, onProblem };
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Asks the server for the queue; answers when this and every change since is loaded. */
  refresh() {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.again = false;
          await this.load();
        } while (this.again);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  async load() {
    let items;
    try {
      items = await this.api.get('/moderation/queue');
    } catch (problem) {
      for (const w of this.watchers) w.onProblem?.(problem);
      return;
    }
    items.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    this.items = items;
    for (const w of this.watchers) w.onItems(items);
  }
}

/** One key per queue item: a decision awaiting review, or an open report. */
export function queueKey(item) {
  return item.kind === 'report' ? `report-${item.reportId}` : `decision-${item.decisionId}`;
}
