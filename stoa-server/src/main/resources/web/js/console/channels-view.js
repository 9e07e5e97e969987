// Channels as moderators review them: find one by handle or title, see its state, its sanctions (in
// force and past), its posts held for review (approve or remove) and its latest posts, removed ones
// too; move it up the ladder (demoted, posting_paused, frozen with an end; closed for good), lift a
// sanction, or remove a post. Each action takes a written reason: the owner reads it in the
// decision, a removed or approved post's author too.
import { restrictionSentence, stateWords } from '../channels.js';
import { decisionLink } from '../decision.js';
import { h } from '../dom.js';
import { longTime, shortTime } from '../format.js';
import { renderProblem } from '../problem.js';
import { confirmAction } from '../views/dialog.js';
import { attempt, field } from '../views/forms.js';
import { askReason } from '../views/reason-dialog.js';
import { consoleHref } from './console-router.js';

const KINDS = {
  demoted: 'Demote: out of Discover and search; posts still delivered',
  posting_paused: 'Pause posting: no new posts until the end',
  frozen: 'Freeze: read-only, posts stay visible',
  closed: 'Close: permanent; a rule of a severe category, or your written decision',
};

export class ChannelsView {
  constructor(ctx, channelId, query) {
    this.ctx = ctx;
    this.channelId = channelId;
    const input = h('input', { name: 'q', value: query.get('q') || '', autocomplete: 'off', spellcheck: 'false' });
    const search = h('form', { class: 'inline-form', role: 'search' }, field('Handle or title', input),
      h('button', { type: 'submit' }, 'Search'));
    search.addEventListener('submit', (event) => {
      event.preventDefault();
      location.hash = consoleHref('channels', null, { q: input.value.trim() });
    });
    this.body = h('div', { class: 'channel-body' });
    this.el = h('section', { class: 'console-section', 'aria-labelledby': 'channels-heading' },
      h('div', { class: 'section-head' }, h('h2', { id: 'channels-heading', tabindex: '-1' }, 'Channels')), search, this.body);
    if (channelId) this.load();
    else this.find(input.value.trim());
  }

  async find(q) {
    try {
      const found = await this.ctx.api.get(`/moderation/channels?q=${encodeURIComponent(q)}`);
      this.body.replaceChildren(found.length === 0 ? h('p', { class: 'empty' }, 'No channel matches.')
        : h('ul', { class: 'channel-results' }, found.map((c) => h('li', {},
          h('a', { href: consoleHref('channels', String(c.id)) }, `${c.title} (@${c.handle})`),
          ` · ${c.subscriberCount} subscribers · ${c.visibility} · ${c.state}`))));
    } catch (problem) {
      this.body.replaceChildren(renderProblem(problem));
    }
  }

  async load() {
    try {
      this.render(await this.ctx.api.get(`/moderation/channels/${this.channelId}`));
    } catch (problem) {
      this.body.replaceChildren(renderProblem(problem));
    }
  }

  render({ channel, sanctions, held, posts }) {
    const now = Date.now();
    const current = sanctions.filter((s) => !s.liftedAt && (!s.endsAt || Date.parse(s.endsAt) > now));
    const past = sanctions.filter((s) => !current.includes(s));
    this.el.querySelector('h2').textContent = `Channel: ${channel.title} (@${channel.handle})`;
    this.body.replaceChildren(
      h('dl', { class: 'facts' },
        h('dt', {}, 'Owner'), h('dd', {}, this.ctx.names.link(channel.owner.id)),
        h('dt', {}, 'State'), h('dd', { class: 'channel-state' }, channel.state, channel.state !== 'active' && ` (${stateWords(channel.state)})`),
        h('dt', {}, 'Subscribers'), h('dd', {}, String(channel.subscriberCount)),
        h('dt', {}, 'Visibility'), h('dd', {}, channel.visibility),
        h('dt', {}, 'Created'), h('dd', {}, longTime(channel.createdAt))),
      h('h3', {}, 'Sanctions in force'),
      current.length === 0 ? h('p', { class: 'empty' }, 'None.')
        : h('ul', { class: 'sanctions', 'aria-label': 'Channel sanctions in force' }, current.map((s) => this.current(s))),
      h('h3', {}, 'Move it up the ladder'), this.sanctionForm(channel),
      h('h3', {}, 'Past sanctions'),
      past.length === 0 ? h('p', { class: 'empty' }, 'None.')
        : h('ul', { class: 'sanctions' }, past.map((s) => h('li', {}, restrictionSentence(s.restriction),
          s.liftedAt && ` Lifted ${longTime(s.liftedAt)}: ${s.liftReason}.`, ' ', decisionLink(s.decisionId)))),
      h('h3', {}, 'Held for review'),
      held.length === 0 ? h('p', { class: 'empty' }, 'None: no post waits for a moderator.')
        : h('ul', { class: 'channel-review-posts', 'aria-label': 'Posts held for review' }, held.map((p) => this.post(p))),
      h('h3', {}, 'Latest posts'),
      posts.length === 0 ? h('p', { class: 'empty' }, 'No posts.')
        : h('ul', { class: 'channel-review-posts', 'aria-label': 'Latest posts' }, posts.map((p) => this.post(p))));
  }

  current(s) {
    const lift = h('button', { type: 'button', class: 'small' }, 'Lift');
    lift.addEventListener('click', async () => {
      const lifted = await askReason({
        title: `Lift this ${s.kind}`,
        intro: restrictionSentence(s.restriction),
        label: 'Why lift it?',
        hint: 'The owner reads this in the decision; subscribers are told the channel is restored.',
        submitLabel: 'Lift',
        action: (reason) => this.ctx.api.post(`/moderation/sanctions/${s.id}/lift`, { reason }),
      });
      if (lifted) {
        this.ctx.notify(`Lifted the ${s.kind}.`);
        this.load();
      }
    });
    return h('li', { class: 'sanction', 'data-kind': s.kind }, restrictionSentence(s.restriction), ' ', decisionLink(s.decisionId), ' ', lift);
  }

  post(p) {
    if (p.kind === 'notice') {
      return h('li', { class: 'notice-entry' }, h('time', { datetime: p.createdAt }, shortTime(p.createdAt)), ' ',
        p.notice.liftedAt ? `Restored (${p.notice.kind} lifted)` : restrictionSentence(p.notice));
    }
    const remove = p.status === 'removed' ? h('span', { class: 'muted' }, ' removed ', decisionLink(p.decisionId))
      : h('button', { type: 'button', class: 'small danger' }, 'Remove');
    if (p.status !== 'removed') {
      remove.addEventListener('click', async () => {
        const done = await askReason({
          title: 'Remove this post',
          intro: p.text,
          label: 'Why remove it?',
          hint: 'Its author and the channel’s owner read this in the decision.',
          submitLabel: 'Remove',
          action: (reason) => this.ctx.api.post(`/moderation/channels/${this.channelId}/posts/${p.id}/remove`, { reason }),
        });
        if (done) this.load();
      });
    }
    const approve = p.status === 'held' ? h('button', { type: 'button', class: 'small' }, 'Approve') : null;
    approve?.addEventListener('click', async () => {
      const done = await askReason({
        title: 'Deliver this held post',
        intro: p.text ?? 'A photo',
        label: 'Why deliver it?',
        hint: 'Its author reads this in the decision; the post goes to every subscriber.',
        submitLabel: 'Approve',
        action: (reason) => this.ctx.api.post(`/moderation/channels/${this.channelId}/posts/${p.id}/approve`, { reason }),
      });
      if (done) this.load();
    });
    return h('li', { class: 'channel-review-post', 'data-status': p.status },
      h('time', { datetime: p.createdAt }, shortTime(p.createdAt)), ' ', this.ctx.names.link(p.authorId), ': ',
      p.media && h('span', { class: 'muted' }, '[photo] '), h('span', { class: 'text' }, p.text ?? ''), ' ', approve, ' ', remove);
  }

  sanctionForm(channel) {
    const kinds = Object.keys(KINDS).map((kind) =>
      h('input', { type: 'radio', name: 'channel-kind', value: kind, id: `channel-kind-${kind}`, checked: kind === 'demoted' }));
    const amount = h('input', { type: 'number', name: 'amount', min: '1', value: '24', class: 'amount', 'aria-label': 'Duration' });
    const unit = h('select', { name: 'unit', 'aria-label': 'Unit' }, h('option', { value: 'h' }, 'hours'), h('option', { value: 'd' }, 'days'));
    const duration = h('div', { class: 'field duration' }, h('span', { class: 'label' }, 'For'), h('div', { class: 'duration-row' }, amount, unit));
    const rule = h('select', { name: 'rule' }, h('option', { value: '' }, 'No rule named'));
    this.ctx.policy().then((policy) => rule.append(...policy.rules.filter((r) => r.mode === 'enforce')
      .map((r) => h('option', { value: r.id }, `${r.title} (${r.id}, ${r.category})`))), () => {});
    const reason = h('textarea', { name: 'reason', rows: '2', maxlength: '2000', required: true });
    const submit = h('button', { type: 'submit', class: 'danger' }, 'Impose');
    const errors = h('div', { class: 'errors' });
    const form = h('form', { class: 'card sanction-form', 'aria-label': `Sanction channel @${channel.handle}`, novalidate: true },
      h('fieldset', { class: 'kinds' }, h('legend', {}, 'Step'),
        kinds.map((radio) => h('div', { class: 'check' }, radio, h('label', { for: radio.id }, KINDS[radio.value])))),
      duration,
      field('Rule it rests on (optional)', rule, 'Subscribers and visitors read the rule; without one, they read your reason.'),
      field('Reason (the owner reads it)', reason),
      errors, submit);
    const kind = () => kinds.find((r) => r.checked).value;
    const sync = () => { duration.hidden = kind() === 'closed'; };
    form.addEventListener('change', sync);
    sync();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { kind: kind(), reason: reason.value.trim(), ruleId: rule.value || undefined,
        duration: kind() === 'closed' ? undefined : `${amount.value}${unit.value}` };
      if (body.kind === 'closed' && body.reason && !await confirmAction(`Close @${channel.handle} for good?`, 'Close channel',
        h('p', {}, 'Its subscribers and visitors will see the notice; its owner can still export its posts and appeal.'))) return;
      const ok = await attempt(submit, errors, () => this.ctx.api.post(`/moderation/channels/${channel.id}/sanctions`, body));
      if (!ok) return;
      this.ctx.notify(`@${channel.handle}: ${body.kind}.`);
      this.load();
    });
    return form;
  }
}
