// Under a decision in the chat: what the person can do about it. "Appeal" with its deadline while
// the window is open (whatever sanction the account is under), the appeal's state once filed, and
// the outcome with its reason once decided. It follows the store, so a decision arriving on the
// stream shows at once.
import { appealable, renderAppeal } from '../appeal.js';
import { decisionLink } from '../decision.js';
import { h } from '../dom.js';
import { longTime } from '../format.js';
import { askAppeal } from './appeal-dialog.js';

export class AppealPanel {
  constructor(client, decision, { notify }) {
    this.client = client;
    this.decision = decision;
    this.notify = notify;
    this.el = h('section', { class: 'redress appeal-panel', 'aria-labelledby': `appeal-${decision.id}` });
    this.unsubscribe = client.store.subscribe((topic) => {
      if (topic === 'appeals') this.render();
    });
    this.render();
  }

  render() {
    const d = this.decision;
    const me = this.client.store.me.id;
    const appeal = this.client.store.appealOf(d.id);
    const heading = h('h3', { id: `appeal-${d.id}` }, 'If you think this is wrong');
    if (d.appealOf != null) {
      this.el.replaceChildren(heading, h('p', {}, 'This is the outcome of an appeal of ', decisionLink(d.appealOf, `decision ${d.appealOf}`),
        ', decided by someone who did not take it. It is final on this server.'));
    } else if (appeal) {
      this.el.replaceChildren(h('h3', { id: `appeal-${d.id}` }, 'Your appeal'), renderAppeal(appeal));
    } else if (appealable(d, me)) {
      const button = h('button', { type: 'button', class: 'primary', onclick: () => this.appeal() }, 'Appeal');
      this.el.replaceChildren(heading,
        h('p', {}, `If you think this decision is wrong, you can appeal it until ${longTime(d.appealableUntil)}: `
          + 'a moderator who took no part in it decides, and writes you the reason. '
          + 'Whatever sanction your account is under, you can still appeal.'),
        h('p', { class: 'appeal-deadline', 'data-until': d.appealableUntil }, button, ` until ${longTime(d.appealableUntil)}`));
    } else if (d.appealableUntil && (d.outcome === 'dismissed' ? d.accountId !== me : d.accountId === me)) {
      this.el.replaceChildren(heading, h('p', {}, `The time to appeal this decision ended on ${longTime(d.appealableUntil)}.`));
    } else {
      this.el.replaceChildren(heading, h('p', {}, d.redress));
    }
  }

  async appeal() {
    const filed = await askAppeal(this.decision, (statement, requested) => this.client.appeal(this.decision.id, statement, requested));
    if (filed) this.notify('Appeal sent. A moderator who took no part in the decision will decide it.');
  }

  destroy() {
    this.unsubscribe();
  }
}
