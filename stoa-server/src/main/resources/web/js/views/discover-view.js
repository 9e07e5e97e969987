// Discover: the directory. Find people (by username or display name, as one types the start of a
// word, English or Chinese) and ask them to be contacts, or public groups to open or join.
import { h, fill } from '../dom.js';
import { avatar, personLabel } from '../people.js';
import { renderProblem } from '../problem.js';
import { field } from './forms.js';

/** Ask the directory this long after the last keystroke. */
const TYPING_PAUSE_MS = 250;

export class DiscoverView {
  /** @param openChat(id) opens a conversation; notify(text) shows a passing notice */
  constructor(client, { openChat, notify }) {
    this.client = client;
    this.openChat = openChat;
    this.notify = notify;
    this.kind = 'groups';
    this.asked = 0;

    this.query = h('input', { type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false', maxlength: '200' });
    this.query.addEventListener('input', () => this.soon());
    const kinds = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Look for' },
      ...[['groups', 'Groups'], ['accounts', 'People']].map(([kind, label]) => {
        const input = h('input', { type: 'radio', name: 'discover-kind', value: kind, checked: kind === this.kind });
        input.addEventListener('change', () => {
          this.kind = kind;
          this.search();
        });
        return h('label', {}, input, label);
      }));
    this.results = h('ul', { class: 'people directory', 'aria-label': 'Found' });
    this.status = h('div', { class: 'directory-status', role: 'status' },
      h('p', { class: 'muted' }, 'Type a name to find public groups and people.'));
    const form = h('form', { class: 'discover-form', role: 'search' }, field('Search the directory', this.query), kinds);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.search();
    });
    this.el = h('section', { class: 'panel discover', 'aria-labelledby': 'discover-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'discover-heading' }, 'Discover')),
      form, this.status, this.results);
  }

  soon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.search(), TYPING_PAUSE_MS);
  }

  async search() {
    clearTimeout(this.timer);
    const q = this.query.value.trim();
    const asked = ++this.asked; // answers to older questions are dropped
    if (!q) {
      this.results.replaceChildren();
      fill(this.status, h('p', { class: 'muted' }, 'Type a name to find public groups and people.'));
      return;
    }
    let page;
    try {
      page = await this.client.findInDirectory(this.kind, q);
    } catch (problem) {
      if (asked === this.asked) fill(this.status, renderProblem(problem));
      return;
    }
    if (asked !== this.asked) return;
    fill(this.status, page.results.length ? null : h('p', { class: 'empty' }, `Nothing found for “${q}”.`));
    this.results.replaceChildren(...page.results.map((r) => (this.kind === 'groups' ? this.groupRow(r) : this.personRow(r))));
  }

  groupRow(group) {
    const errors = h('div', { class: 'errors' });
    const action = group.member
      ? h('button', { type: 'button', class: 'small', onclick: () => this.openChat(group.id) }, 'Open')
      : h('button', { type: 'button', class: 'small', onclick: async (event) => {
        event.target.disabled = true;
        try {
          this.openChat(await this.client.joinGroup(group.id));
          this.notify(`You joined ${group.title}.`);
        } catch (problem) {
          errors.replaceChildren(renderProblem(problem));
          event.target.disabled = false;
        }
      } }, 'Join');
    const about = [`${group.memberCount} ${group.memberCount === 1 ? 'member' : 'members'}`];
    if (group.slowModeSeconds > 0) about.push(`slow mode: one message every ${group.slowModeSeconds} s`);
    return h('li', { class: 'directory-group', 'data-id': group.id },
      h('div', { class: 'person' },
        h('span', { class: 'person-label' }, h('bdi', { class: 'display-name' }, group.title),
          h('span', { class: 'handle' }, about.join(' · '))),
        action),
      errors);
  }

  personRow(person) {
    const me = person.id === this.client.store.me.id;
    const contact = this.client.store.contacts.has(person.id);
    const errors = h('div', { class: 'errors' });
    const action = me || contact ? h('span', { class: 'muted' }, me ? 'You' : 'Contact')
      : h('button', { type: 'button', class: 'small', onclick: async (event) => {
        event.target.disabled = true;
        try {
          await this.client.requestContact(person.username);
          event.target.replaceWith(h('span', { class: 'muted' }, 'Request sent'));
        } catch (problem) {
          errors.replaceChildren(renderProblem(problem));
          event.target.disabled = false;
        }
      } }, 'Add contact');
    return h('li', { class: 'directory-person', 'data-id': person.id },
      h('div', { class: 'person' }, avatar(person, this.client.media), personLabel(person), action),
      errors);
  }

  show() {
    this.query.focus();
  }

  destroy() {
    clearTimeout(this.timer);
  }
}
