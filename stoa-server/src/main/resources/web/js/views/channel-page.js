// A channel's page: its title, handle, description and subscriber count; Subscribe or Unsubscribe;
// the notice of a restriction in force (the rule, the date, the end, and the public part of the
// decision), so that a channel never simply disappears; its posts and notices, oldest first, with
// new ones arriving live; and a composer for its owner and editors while it takes posts.
import { liftedSentence, restrictionGround, restrictionSentence, stateWords } from '../channels.js';
import { h } from '../dom.js';
import { longTime, shortTime } from '../format.js';
import { renderProblem } from '../problem.js';
import { attempt } from './forms.js';

export class ChannelPage {
  constructor(client, channelId, { notify }) {
    this.client = client;
    this.id = channelId;
    this.notify = notify;
    this.head = h('div', { class: 'channel-head' });
    this.notice = h('div', { class: 'channel-notice', role: 'status', hidden: true });
    this.posts = h('ol', { class: 'channel-posts', 'aria-label': 'Posts' });
    this.composer = h('div', { class: 'channel-composer' });
    this.errors = h('div', { class: 'errors' });
    this.el = h('section', { class: 'channel-page', 'aria-label': 'Channel' }, this.head, this.notice, this.errors, this.posts,
      this.composer);
    this.unsubscribe = client.store.subscribe((topic, entry) => {
      // A decision about me may be a sanction on my channel, or its lift: the owner is told that way.
      if (topic === 'decision') this.load();
      if (topic !== 'channel.entry' || entry.channelId !== this.id) return;
      this.addEntry(entry);
      if (entry.kind === 'notice') this.load(); // the state changed: the notice and the composer follow it
    });
    this.load();
    this.loadPosts();
  }

  async load() {
    try {
      this.channel = await this.client.api.get(`/channels/${this.id}`);
      this.render();
    } catch (problem) {
      this.head.replaceChildren(renderProblem(problem));
    }
  }

  async loadPosts() {
    try {
      const page = await this.client.api.get(`/channels/${this.id}/posts?limit=100`);
      this.seen = new Set();
      this.posts.replaceChildren();
      page.posts.slice().reverse().forEach((p) => this.addEntry(p));
    } catch (problem) {
      if (problem.code !== 'channel_closed') this.errors.replaceChildren(renderProblem(problem));
      this.posts.replaceChildren();
    }
  }

  render() {
    const c = this.channel;
    const follow = h('button', { type: 'button', class: c.subscribed ? 'quiet' : 'primary', 'data-action': 'subscription' },
      c.subscribed ? 'Unsubscribe' : 'Subscribe');
    follow.addEventListener('click', () => attempt(follow, this.errors, async () => {
      this.channel = c.subscribed ? await this.client.api.delete(`/channels/${this.id}/subscription`)
        : await this.client.api.post(`/channels/${this.id}/subscription`);
      this.render();
    }));
    const exportLink = c.role === 'owner' && h('button', { type: 'button', class: 'quiet small', onclick: () => this.download() },
      'Export posts');
    this.head.replaceChildren(
      h('h2', {}, h('bdi', {}, c.title)),
      h('p', { class: 'handle' }, `@${c.handle}`, c.role && h('span', { class: 'role' }, ` · you are its ${c.role}`)),
      c.description && h('p', { class: 'description' }, c.description),
      h('p', { class: 'subscribers' }, `${c.subscriberCount} ${c.subscriberCount === 1 ? 'subscriber' : 'subscribers'}`),
      h('div', { class: 'channel-actions' }, follow, exportLink));
    this.renderNotice(c.restriction);
    this.renderComposer();
  }

  renderNotice(r) {
    this.notice.hidden = !r;
    if (!r) return this.notice.replaceChildren();
    const decision = h('details', { class: 'decision-public' }, h('summary', {}, 'Read the decision'));
    decision.addEventListener('toggle', async () => {
      if (!decision.open || decision.dataset.loaded) return;
      decision.dataset.loaded = 'true';
      try {
        const d = await this.client.api.get(r.decisionUrl.replace(/^\/api\/v1/, ''));
        decision.append(h('dl', { class: 'facts' },
          h('dt', {}, 'Decision'), h('dd', {}, String(d.decisionId)),
          h('dt', {}, 'What'), h('dd', {}, stateWords(d.kind)),
          d.rule && [h('dt', {}, 'Rule'), h('dd', {}, `${d.rule.title} (${d.rule.category})`)],
          d.rule && [h('dt', {}, 'Why'), h('dd', {}, d.rule.explanation)],
          d.reason && [h('dt', {}, 'Reason'), h('dd', {}, d.reason)],
          h('dt', {}, 'Since'), h('dd', {}, longTime(d.since)),
          h('dt', {}, 'Until'), h('dd', {}, d.until ? longTime(d.until) : 'no end')));
      } catch (problem) {
        decision.append(renderProblem(problem));
      }
    });
    this.notice.dataset.kind = r.kind;
    this.notice.replaceChildren(h('p', { class: 'sentence' }, restrictionSentence(r)),
      h('p', { class: 'ground' }, restrictionGround(r)), decision);
  }

  renderComposer() {
    const c = this.channel;
    if (!c.role) return this.composer.replaceChildren();
    const takesPosts = c.state === 'active' || c.state === 'demoted';
    const text = h('textarea', { name: 'text', rows: '2', maxlength: '4000', 'aria-label': 'Write a post', disabled: !takesPosts,
      placeholder: takesPosts ? 'Write a post for your subscribers' : 'This channel takes no new posts for now' });
    const send = h('button', { type: 'submit', class: 'primary', disabled: !takesPosts }, 'Post');
    const errors = h('div', { class: 'errors' });
    const form = h('form', { class: 'composer channel-post-form' }, text, send, errors);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      const body = { clientId: crypto.randomUUID(), text: text.value };
      let post;
      const ok = await attempt(send, errors, async () => {
        post = await this.client.api.post(`/channels/${this.id}/posts`, body);
      });
      if (!ok) return;
      text.value = '';
      this.addEntry(post);
    });
    this.composer.replaceChildren(form);
  }

  /** Adds a post or notice once, in seq order (live ones arrive after the loaded page). */
  addEntry(entry) {
    this.seen ??= new Set();
    if (this.seen.has(entry.id)) return;
    this.seen.add(entry.id);
    const el = entry.kind === 'notice'
      ? h('li', { class: 'channel-entry notice-entry', 'data-seq': entry.seq },
        h('p', {}, entry.notice.liftedAt ? liftedSentence(entry.notice) : restrictionSentence(entry.notice)))
      : h('li', { class: 'channel-entry post', 'data-seq': entry.seq },
        h('p', { class: 'text' }, entry.text),
        h('time', { datetime: entry.createdAt }, shortTime(entry.createdAt)));
    const after = [...this.posts.children].find((li) => Number(li.dataset.seq) > entry.seq);
    this.posts.insertBefore(el, after ?? null);
    el.scrollIntoView?.({ block: 'nearest' });
  }

  async download() {
    try {
      const data = await this.client.api.get(`/channels/${this.id}/export`);
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = h('a', { href: url, download: `channel-${this.channel.handle}.json` });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (problem) {
      this.notify(problem.message);
    }
  }

  destroy() {
    this.unsubscribe();
  }
}
