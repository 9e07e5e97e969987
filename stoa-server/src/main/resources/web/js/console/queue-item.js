// One item of the review queue: what it is and why it is here (the rule and its evidence, or the
// report), the content itself (text, or the image fetched with the moderator's token), and the
// actions that fit it. Every action needs a written reason, which the person affected reads.
import { decisionLink } from '../decision.js';
import { h, uid } from '../dom.js';
import { longTime } from '../format.js';
import { problemContent } from '../problem.js';
import { field } from '../views/forms.js';
import { accountHref } from './account-names.js';

const KINDS = {
  held: 'Held before delivery',
  flagged: 'Delivered and flagged',
  withdrawn: 'Withdrawn after OCR',
  report: 'Reported',
};

/** The buttons an item offers, in order: [action, label]. */
function actionsFor(item) {
  const onMessage = item.messageId != null;
  return [
    item.kind === 'held' && ['approve', 'Approve and deliver'],
    onMessage && item.kind !== 'withdrawn' && ['remove', 'Remove message'],
    item.kind !== 'held' && ['dismiss', { report: 'Dismiss report', withdrawn: 'Keep withdrawn', flagged: 'Leave delivered' }[item.kind]],
    item.mediaId && ['bank', 'Bank image'],
  ].filter(Boolean);
}

export class QueueItem {
  constructor(ctx, item, policy) {
    this.ctx = ctx;
    this.item = item;
    this.busy = false; // an action of this console is under way
    const headingId = uid('item');
    this.reason = h('textarea', { rows: '2', maxlength: '2000', required: true });
    this.result = h('div', { class: 'result', role: 'status' });
    const actions = actionsFor(item);
    this.rule = actions.some(([a]) => a === 'remove') && ruleSelect(item, policy);
    this.bank = item.mediaId && bankSelect(policy);
    this.buttons = actions.map(([action, label]) =>
      h('button', { type: 'button', class: action === 'remove' ? 'danger' : action === 'approve' ? 'primary' : '',
        'data-action': action, onclick: () => this.act(action) }, label));
    this.form = h('div', { class: 'queue-actions' },
      field('Your reason (the person affected reads it)', this.reason),
      this.rule && field('Rule broken (optional; its strikes count)', this.rule),
      this.bank && field('Bank for the image', this.bank),
      h('div', { class: 'actions' }, this.buttons));
    this.el = h('li', { class: 'card queue-item', 'data-kind': item.kind, 'aria-labelledby': headingId },
      h('h3', { id: headingId }, KINDS[item.kind], item.ruleTitle && `: ${item.ruleTitle}`),
      h('p', { class: 'muted' }, byline(item)),
      this.content(),
      h('dl', { class: 'facts' }, facts(ctx, item)),
      this.form, this.result);
  }

  content() {
    const item = this.item;
    if (item.mediaId) {
      const img = h('img', { alt: `Image in message ${item.messageId}`, class: 'queue-image' });
      const box = h('div', { class: 'queue-media' }, img);
      this.ctx.media.load(item.mediaId).then((url) => { img.src = url; },
        () => box.replaceChildren(h('p', { class: 'muted' }, 'This image cannot be shown: it may have been taken down or deleted meanwhile.')));
      return box;
    }
    if (item.text != null) return h('blockquote', { class: 'quote' }, item.text);
    if (item.messageId == null) return h('p', {}, 'A report about the account ', h('a', { href: accountHref(item.username) }, item.username),
      '. Open the account to restrict, suspend or ban it; dismiss the report here.');
    return h('p', { class: 'muted' }, 'The message is gone (recalled by its sender).');
  }

  async act(action) {
    const reason = this.reason.value.trim();
    if (!reason) {
      this.result.replaceChildren(h('p', { class: 'problem', role: 'alert' }, 'Write your reason first: the person affected reads it.'));
      this.reason.focus();
      return;
    }
    for (const b of this.buttons) b.disabled = true;
    this.busy = true;
    this.result.replaceChildren();
    try {
      const done = await this.run(action, reason);
      this.result.replaceChildren(h('p', { class: 'done' }, done));
      // Banking leaves the item to be judged; anything else settles it.
      if (action === 'bank') this.reason.value = '';
      else this.settle(action);
    } catch (problem) {
      this.result.replaceChildren(h('p', { class: 'problem', role: 'alert' }, problemContent(problem)));
    } finally {
      this.busy = false;
      for (const b of this.buttons) b.disabled = false;
    }
  }

  /** The item left the queue without this console's doing: another moderator acted, or the content is gone. */
  settledElsewhere() {
    if (this.busy || this.el.dataset.done) return;
    this.settle('elsewhere');
    this.result.replaceChildren(h('p', { class: 'done' }, 'No longer waiting: someone else dealt with it.'));
  }

  settle(how) {
    this.form.remove();
    this.el.dataset.done = how;
  }

  /** Performs {@code action}; answers what to say about it. */
  async run(action, reason) {
    const { api } = this.ctx;
    const item = this.item;
    switch (action) {
      case 'approve':
        await api.post(`/moderation/messages/${item.messageId}/approve`, { reason });
        return 'Approved: the message is delivered.';
      case 'remove': {
        const decision = await api.post(`/moderation/messages/${item.messageId}/remove`, { reason, ruleId: this.rule.value || undefined });
        return ['Removed for everyone. ', decisionLink(decision.id)];
      }
      case 'dismiss':
        await api.post('/moderation/dismissals', item.kind === 'report' ? { reportId: item.reportId, reason } : { messageId: item.messageId, reason });
        return item.kind === 'report' ? 'Dismissed: no action; the reporter is told.' : 'Dismissed: the automated call stands.';
      case 'bank': {
        const banked = await api.post(`/moderation/messages/${item.messageId}/bank`, { bank: this.bank.value, reason });
        return `Banked in ${banked.bank} (${banked.added} new ${banked.added === 1 ? 'entry' : 'entries'}): the next send of this image is refused.`;
      }
      default:
        throw new Error(`unknown action ${action}`);
    }
  }
}

function byline(item) {
  const where = item.messageId != null
    ? ` · message ${item.messageId}${item.conversationId != null ? ` in conversation ${item.conversationId}` : ''}` : '';
  return ['From ', h('a', { href: accountHref(item.username) }, item.username), ' · ',
    h('time', { datetime: item.createdAt }, longTime(item.createdAt)), where];
}

function facts(ctx, item) {
  const rows = [
    item.ruleId && ['Rule', `${item.ruleTitle} (${item.ruleId})${item.category ? `, ${item.category}` : ''}`],
    item.evidence?.length > 0 && ['Evidence', h('ul', { class: 'evidence' }, item.evidence.map((hit) => h('li', {}, hit.describe)))],
    item.kind === 'report' && ['Report', h('span', {}, '“', item.reason, '” from ', ctx.names.link(item.reporterId))],
    item.decisionId != null && ['Decision', decisionLink(item.decisionId)],
  ].filter(Boolean);
  return rows.map(([term, detail]) => [h('dt', {}, term), h('dd', {}, detail)]);
}

/** Which rule a removal cites: a held message's own rule unless another is chosen. */
function ruleSelect(item, policy) {
  const none = item.kind === 'held' ? `The hold’s rule (${item.ruleTitle})` : 'No rule: no strikes';
  return h('select', {}, h('option', { value: '' }, none),
    policy.rules.filter((r) => r.mode === 'enforce').map((r) => h('option', { value: r.id }, `${r.title} (${r.id})`)));
}

function bankSelect(policy) {
  return h('select', {}, policy.banks.map((b) => h('option', { value: b }, b)));
}
