// A channel's page: its title, handle, description and subscriber count; Subscribe or Unsubscribe;
// the notice of a restriction in force (the rule, the date, the end, and the public part of the
// decision), so that a channel never simply disappears; its posts (text, a photo, or a photo with its
// caption) and notices, oldest first, with new ones arriving live; a composer for its owner and editors
// while it takes posts (a post held for review shows "pending review" to its author alone); and, for
// its owner, editing the title and description (reviewed by the server like a post).
import { liftedSentence, restrictionGround, restrictionSentence, stateWords } from '../channels.js';
import { h, uid } from '../dom.js';
import { longTime, shortTime } from '../format.js';
import { renderProblem } from '../problem.js';
import { attempt, field } from './forms.js';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const IMAGE_BOX = { width: 320, height: 320 };

export class ChannelPage {
  constructor(client, channelId, { notify, postId = null }) {
    this.client = client;
    this.id = channelId;
    this.notify = notify;
    this.wantedPost = postId;
    this.entries = new Map();
    this.head = h('div', { class: 'channel-head' });
    this.notice = h('div', { class: 'channel-notice', role: 'status', hidden: true });
    this.posts = h('ol', { class: 'channel-posts', 'aria-label': 'Posts' });
    this.composer = h('div', { class: 'channel-composer' });
    this.errors = h('div', { class: 'errors' });
    this.el = h('section', { class: 'channel-page', 'aria-label': 'Channel' }, this.head, this.notice, this.errors, this.posts,
      this.composer);
    this.unsubscribe = client.store.subscribe((topic, entry) => {
      // A decision about me may be a sanction on my channel, or its lift: the owner is told that way; or
      // about a post of mine (a held one delivered or removed), which only reloading the posts shows me.
      if (topic === 'decision') {
        this.load();
        this.loadPosts();
      }
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
      this.entries.clear();
      this.posts.replaceChildren();
      page.posts.slice().reverse().forEach((p) => this.addEntry(p));
      if (this.wantedPost != null) this.showPost(this.wantedPost);
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
    const editLink = c.role === 'owner' && h('button', { type: 'button', class: 'quiet small', 'data-action': 'edit-channel',
      onclick: () => this.head.append(this.editForm()) }, 'Edit title and description');
    // An open edit form survives a redraw (a decision about me reloads the channel), with its error.
    const editing = c.role === 'owner' ? this.editing : null;
    this.head.replaceChildren(
      h('h2', {}, h('bdi', {}, c.title)),
      h('p', { class: 'handle' }, `@${c.handle}`, c.role && h('span', { class: 'role' }, ` · you are its ${c.role}`)),
      c.description && h('p', { class: 'description' }, c.description),
      h('p', { class: 'subscribers' }, `${c.subscriberCount} ${c.subscriberCount === 1 ? 'subscriber' : 'subscribers'}`),
      h('div', { class: 'channel-actions' }, follow, editLink, exportLink));
    if (editing) this.head.append(editing);
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

  /** The owner's form for the title and description; a refusal says which rule, as a refused post does. */
  editForm() {
    this.editing?.remove();
    const c = this.channel;
    const title = h('input', { name: 'title', maxlength: '100', required: true, value: c.title });
    const description = h('textarea', { name: 'description', rows: '3', maxlength: '2000' });
    description.value = c.description ?? '';
    const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
    const cancel = h('button', { type: 'button', class: 'quiet' }, 'Cancel');
    const errors = h('div', { class: 'errors' });
    const form = h('form', { class: 'channel-edit channel-form' }, field('Title', title), field('Description', description),
      h('div', { class: 'channel-actions' }, save, cancel), errors);
    const close = () => {
      form.remove();
      this.editing = null;
    };
    cancel.addEventListener('click', close);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const ok = await attempt(save, errors, async () => {
        this.channel = await this.client.api.patch(`/channels/${this.id}`, { title: title.value, description: description.value });
      });
      if (!ok) return;
      close();
      this.render();
    });
    queueMicrotask(() => title.focus());
    this.editing = form;
    return form;
  }

  renderComposer() {
    const c = this.channel;
    if (!c.role) return this.composer.replaceChildren();
    const takesPosts = c.state === 'active' || c.state === 'demoted';
    const text = h('textarea', { name: 'text', rows: '2', maxlength: '4000', 'aria-label': 'Write a post', disabled: !takesPosts,
      placeholder: takesPosts ? 'Write a post for your subscribers, or a caption for a photo' : 'This channel takes no new posts for now' });
    const file = h('input', { type: 'file', accept: IMAGE_TYPES.join(','), id: uid('channel-photo'), class: 'visually-hidden',
      disabled: !takesPosts });
    const attach = h('label', { for: file.id, class: 'attach', title: 'Attach a photo' }, h('span', { 'aria-hidden': 'true' }, '+'),
      h('span', { class: 'visually-hidden' }, 'Attach a photo'));
    const picked = h('p', { class: 'picked-photo', hidden: true });
    const send = h('button', { type: 'submit', class: 'primary', disabled: !takesPosts }, 'Post');
    const errors = h('div', { class: 'errors' });
    const form = h('form', { class: 'composer channel-post-form' }, file, attach, text, send, picked, errors);
    // One post, one clientId, until it is posted or changed: sending it again after a failure is a retry,
    // which the server answers as it did the first time (the same post, or the same refusal).
    let draft = null;
    const changed = () => { draft = null; };
    text.addEventListener('input', changed);
    const choose = (photo) => {
      changed();
      this.photo = photo;
      picked.hidden = !photo;
      if (!photo) return picked.replaceChildren();
      const remove = h('button', { type: 'button', class: 'small quiet' }, 'Remove');
      remove.addEventListener('click', () => choose(null));
      picked.replaceChildren(`Photo: ${photo.name} `, remove);
    };
    file.addEventListener('change', () => {
      const photo = file.files[0];
      file.value = '';
      if (!photo) return;
      if (!IMAGE_TYPES.includes(photo.type)) {
        errors.replaceChildren(h('p', { class: 'error' }, 'Channels take photos (JPEG, PNG, GIF, WebP), not other files.'));
        return;
      }
      errors.replaceChildren();
      choose(photo);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!text.value.trim() && !this.photo) return;
      draft ??= { clientId: crypto.randomUUID() };
      let post;
      const ok = await attempt(send, errors, async () => {
        if (this.photo && !draft.mediaId) {
          const uploaded = await this.client.api.upload(this.photo);
          this.client.media.seed(uploaded.id, URL.createObjectURL(this.photo));
          draft.mediaId = uploaded.id;
        }
        const body = { clientId: draft.clientId };
        if (text.value.trim()) body.text = text.value;
        if (draft.mediaId) body.mediaId = draft.mediaId;
        post = await this.client.api.post(`/channels/${this.id}/posts`, body);
      });
      if (!ok) return;
      text.value = '';
      choose(null);
      this.addEntry(post);
    });
    this.composer.replaceChildren(form);
  }

  /**
   * Adds a post or notice in seq order (live ones arrive after the loaded page), or redraws it when it
   * changed (a held post that a moderator released). Held posts, which only their author sees, go last.
   */
  addEntry(entry) {
    const order = entry.status === 'held' ? Number.MAX_SAFE_INTEGER : entry.seq;
    const known = this.entries.get(entry.id);
    if (known && known.dataset.status === entry.status) return;
    const el = entry.kind === 'notice'
      ? h('li', { class: 'channel-entry notice-entry', 'data-order': order },
        h('p', {}, entry.notice.liftedAt ? liftedSentence(entry.notice) : restrictionSentence(entry.notice)))
      : h('li', { class: 'channel-entry post', 'data-order': order, 'data-id': entry.id, 'data-status': entry.status, tabindex: '-1' },
        entry.media && this.image(entry.media),
        entry.text && h('p', { class: 'text' }, entry.text),
        entry.status === 'held' && h('p', { class: 'moderation held' },
          'Pending review: only you see this post until a moderator delivers it.'),
        h('time', { datetime: entry.createdAt }, shortTime(entry.createdAt)));
    known?.remove();
    this.entries.set(entry.id, el);
    const after = [...this.posts.children].find((li) => Number(li.dataset.order) > order);
    this.posts.insertBefore(el, after ?? null);
    el.scrollIntoView?.({ block: 'nearest' });
  }

  /** A post's photo, its box sized before a byte of it loads. */
  image(media) {
    const { width, height } = media;
    const scale = Math.min(1, IMAGE_BOX.width / width, IMAGE_BOX.height / height);
    const box = h('div', { class: 'image-box' });
    box.style.width = `${Math.max(1, Math.round(width * scale))}px`;
    box.style.aspectRatio = `${width} / ${height}`;
    const img = h('img', { alt: `Photo posted in ${this.channel?.title ?? 'the channel'}`, width, height });
    this.client.media.load(media.id).then(
      (url) => { img.src = url; },
      () => box.replaceChildren(h('span', { class: 'image-missing' }, 'This image cannot be shown.')));
    box.append(img);
    return box;
  }

  /** Scrolls to a post (a search result) and marks it for a moment. */
  showPost(postId) {
    this.wantedPost = postId;
    const el = this.entries.get(postId);
    if (!el) return;
    this.wantedPost = null;
    el.classList.add('highlight');
    el.scrollIntoView?.({ block: 'center' });
    el.focus({ preventScroll: true });
    setTimeout(() => el.classList.remove('highlight'), 2500);
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
