// Channels in the sidebar: Discover (the directory, searched as one types), the channels I run or
// follow, and a form to start a channel. Each opens its page in the main pane (channel-page.js).
import { channelHref, stateWords } from '../channels.js';
import { h } from '../dom.js';
import { renderProblem } from '../problem.js';
import { attempt, field } from './forms.js';

const SEARCH_PAUSE_MS = 250;

export class ChannelsView {
  constructor(client) {
    this.client = client;
    this.query = h('input', { type: 'search', name: 'q', placeholder: 'Search channels', 'aria-label': 'Search channels',
      autocomplete: 'off' });
    this.results = h('ul', { class: 'people channel-list', 'aria-label': 'Channels found' });
    this.mine = h('ul', { class: 'people channel-list', 'aria-label': 'Your channels' });
    this.errors = h('div', { class: 'errors' });
    this.form = this.createForm();
    this.form.hidden = true;
    const start = h('button', { type: 'button', class: 'small' }, 'New channel');
    start.addEventListener('click', () => {
      this.form.hidden = !this.form.hidden;
      if (!this.form.hidden) this.form.querySelector('input')?.focus();
    });
    this.el = h('section', { class: 'panel channels', 'aria-labelledby': 'channels-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'channels-heading' }, 'Channels'), start),
      h('div', { class: 'people-section' },
        this.form,
        h('h3', {}, 'Discover'),
        h('form', { role: 'search', class: 'channel-search', onsubmit: (e) => { e.preventDefault(); this.search(); } }, this.query),
        this.results,
        h('h3', {}, 'Yours'), this.mine, this.errors));
    this.query.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.search(), SEARCH_PAUSE_MS);
    });
    this.unsubscribe = client.store.subscribe((topic) => { if (topic === 'channel.entry' && this.shown) this.loadMine(); });
  }

  show() {
    this.shown = true;
    this.loadMine();
    this.search();
  }

  async loadMine() {
    try {
      const channels = await this.client.api.get('/channels');
      this.mine.replaceChildren(...(channels.length ? channels.map(item)
        : [h('li', { class: 'empty' }, 'Follow a channel from Discover, or start your own.')]));
    } catch (problem) {
      this.errors.replaceChildren(renderProblem(problem));
    }
  }

  async search() {
    const q = this.query.value.trim();
    try {
      const found = await this.client.api.get(`/directory/channels?q=${encodeURIComponent(q)}`);
      if (q !== this.query.value.trim()) return; // a newer search is on its way
      this.results.replaceChildren(...(found.length ? found.map(item) : [h('li', { class: 'empty' }, 'No channel matches.')]));
    } catch (problem) {
      this.results.replaceChildren(h('li', {}, renderProblem(problem)));
    }
  }

  createForm() {
    const handle = h('input', { name: 'handle', required: true, maxlength: '32', autocapitalize: 'none', spellcheck: 'false' });
    const title = h('input', { name: 'title', required: true, maxlength: '100' });
    const description = h('textarea', { name: 'description', rows: '2', maxlength: '2000' });
    const visibility = h('select', { name: 'visibility' },
      h('option', { value: 'public' }, 'Public: listed in Discover'),
      h('option', { value: 'unlisted' }, 'Unlisted: only people with its link'));
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Create channel');
    const errors = h('div', { class: 'errors' });
    const form = h('form', { class: 'card channel-form', 'aria-label': 'New channel', novalidate: true },
      field('Handle (@name: letters, digits, _)', handle), field('Title', title), field('Description', description),
      field('Who finds it', visibility), errors, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      let created;
      const ok = await attempt(submit, errors, async () => {
        created = await this.client.api.post('/channels', {
          handle: handle.value.trim(), title: title.value, description: description.value, visibility: visibility.value,
        });
      });
      if (!ok) return;
      form.reset();
      form.hidden = true;
      this.loadMine();
      location.hash = channelHref(created.id);
    });
    return form;
  }

  destroy() {
    clearTimeout(this.timer);
    this.unsubscribe();
  }
}

function item(channel) {
  const state = stateWords(channel.state);
  return h('li', { class: 'channel-item', 'data-state': channel.state },
    h('a', { href: channelHref(channel.id), class: 'channel-link' },
      h('bdi', { class: 'channel-title' }, channel.title), ' ', h('span', { class: 'handle' }, `@${channel.handle}`),
      h('span', { class: 'muted count' }, ` · ${channel.subscriberCount} ${channel.subscriberCount === 1 ? 'subscriber' : 'subscribers'}`),
      state && h('span', { class: 'channel-state' }, ` · ${state}`)));
}
