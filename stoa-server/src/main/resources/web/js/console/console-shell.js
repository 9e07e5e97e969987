// The console's layout, in the chat's look: a top bar (who is logged in, back to the chat, log out),
// the sections (Queue and Appeals with their counts, Accounts, Banks, Policy, Audit log) and the open section.
// On a desktop the sections are a column beside the content; on a phone a row above it. The
// moderator's event stream keeps the queue's count live in every section.
import { h } from '../dom.js';
import { MediaCache } from '../media.js';
import { EventStream } from '../stream.js';
import { DecisionPage } from '../views/decision-page.js';
import { AccountNames, accountHref } from './account-names.js';
import { AccountView } from './account-view.js';
import { AppealsView } from './appeals-view.js';
import { AuditView } from './audit-view.js';
import { BanksView } from './banks-view.js';
import { ChannelsView } from './channels-view.js';
import { parseConsoleRoute } from './console-router.js';
import { PolicyView } from './policy-view.js';
import { QueueView } from './queue-view.js';
import { ReviewQueue } from './review-queue.js';

const SECTIONS = [
  ['queue', 'Queue'],
  ['appeals', 'Appeals'],
  ['accounts', 'Accounts'],
  ['channels', 'Channels'],
  ['banks', 'Banks'],
  ['policy', 'Policy'],
  ['audit', 'Audit log'],
];

export class ConsoleShell {
  constructor(api, me, { notify, onLogOut }) {
    this.queueBadge = h('span', { class: 'badge', hidden: true });
    this.appealsBadge = h('span', { class: 'badge', hidden: true });
    // What every section shares: the API, notices, account names, images fetched with the token,
    // and the policy (rules and banks for the forms): loaded once, again after a failure, and
    // afresh when asked (the Policy section shows counts that change).
    this.ctx = {
      api,
      me,
      notify,
      names: new AccountNames(api),
      media: new MediaCache(api),
      policy: ({ fresh = false } = {}) => {
        if (fresh) this.policy = null;
        this.policy ??= api.get('/moderation/policy').catch((problem) => {
          this.policy = null;
          throw problem;
        });
        return this.policy;
      },
      queue: new ReviewQueue(api),
      appealCount: (count) => showCount(this.appealsBadge, count),
    };
    this.ctx.queue.watch((items) => showCount(this.queueBadge, items.length));
    // A resumed stream replays the changes it missed; a fresh one may have missed some: ask again.
    this.stream = new EventStream(api, {
      onEvent: (event) => { if (event.type === 'moderation.queue') this.ctx.queue.refresh(); },
      onReady: ({ resumed }) => { if (!resumed) this.ctx.queue.refresh(); },
      onStatus: () => {},
    });
    const badges = { queue: this.queueBadge, appeals: this.appealsBadge };
    this.links = new Map(SECTIONS.map(([id, label]) =>
      [id, h('a', { href: `#/${id}` }, label, badges[id] && [' ', badges[id]])]));
    this.main = h('main', { class: 'console-main' });
    this.el = h('div', { class: 'console' },
      h('header', { class: 'topbar' },
        h('span', { class: 'brand' }, 'Stoa'),
        h('span', { class: 'console-name' }, 'Moderation'),
        h('a', { href: accountHref(me.username), class: 'me' }, `${me.username} (${me.role})`),
        h('a', { href: '/', class: 'chat-link' }, 'Chat'),
        h('button', { type: 'button', class: 'quiet', onclick: onLogOut }, 'Log out')),
      h('nav', { class: 'console-nav', 'aria-label': 'Console sections' }, [...this.links.values()]),
      this.main);
    this.onHashChange = () => this.route();
    window.addEventListener('hashchange', this.onHashChange);
    this.route();
    this.stream.start();
    // The appeals count shows wherever the console opens; the Appeals section refreshes it when shown.
    if (parseConsoleRoute(location.hash).section !== 'appeals') {
      api.get('/moderation/appeals').then((cases) => this.ctx.appealCount(cases.length), () => {});
    }
  }

  route() {
    const { section, param, query } = parseConsoleRoute(location.hash);
    for (const [id, link] of this.links) {
      if (id === section || (section === 'decisions' && id === 'audit')) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    this.view?.destroy?.();
    const view = this.viewFor(section, param, query);
    this.view = view;
    this.main.replaceChildren(view.el);
    // The new section's heading takes focus, so keyboard and screen reader users start there.
    view.el.querySelector('h2')?.focus();
  }

  viewFor(section, param, query) {
    switch (section) {
      case 'appeals': return new AppealsView(this.ctx, query);
      case 'accounts': return new AccountView(this.ctx, param);
      case 'channels': return new ChannelsView(this.ctx, param, query);
      case 'banks': return new BanksView(this.ctx, param);
      case 'policy': return new PolicyView(this.ctx);
      case 'audit': return new AuditView(this.ctx, query);
      case 'decisions': return new DecisionPage(() => this.ctx.api.get(`/decisions/${param}`), {
        fallback: '#/audit',
        extra: (d) => [['Account', this.ctx.names.link(d.accountId)]],
        media: this.ctx.media,
      });
      default: return new QueueView(this.ctx);
    }
  }

  destroy() {
    window.removeEventListener('hashchange', this.onHashChange);
    this.view?.destroy?.();
    this.stream.stop();
    this.ctx.media.clear();
  }
}

/** A section's count in the navigation, hidden at zero. */
function showCount(badge, count) {
  badge.hidden = count === 0;
  badge.textContent = String(count);
  badge.setAttribute('aria-label', `${count} waiting`);
}
