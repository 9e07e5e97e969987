// Groups: create one from your contacts (a group's settings and members: group-settings.js).
import { h } from '../dom.js';
import { nameOf, personLabel } from '../people.js';
import { goToChat } from '../router.js';
import { openDialog } from './dialog.js';
import { attempt, field } from './forms.js';

export function openCreateGroup(client) {
  const title = h('input', { name: 'title', maxlength: '100', autocomplete: 'off' });
  const picker = contactPicker(client, new Set(), 'Members', 'Add contacts first: groups are made of your contacts.');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create group');
  const errors = h('div', { class: 'errors' });
  const form = h('form', { class: 'dialog-body' },
    field('Group name', title), picker.el, errors,
    h('div', { class: 'dialog-actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), submit));
  const dialog = openDialog('New group', form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let id;
    const ok = await attempt(submit, errors, async () => {
      id = await client.createGroup(title.value.trim(), picker.selected());
    });
    if (!ok) return;
    dialog.close();
    goToChat(id);
  });
}

/** Checkboxes for the contacts not in {@code excluded}, those in {@code ticked} checked; selected() answers the checked ids. */
export function contactPicker(client, excluded, legend, whenEmpty, ticked = new Set()) {
  const contacts = [...client.store.contacts.values()]
    .filter((c) => !excluded.has(c.id))
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const boxes = contacts.map((c) => h('input', { type: 'checkbox', value: String(c.id), id: `pick-${c.id}`, checked: ticked.has(c.id) }));
  const el = h('fieldset', { class: 'picker' }, h('legend', {}, legend),
    contacts.length === 0
      ? h('p', { class: 'empty' }, whenEmpty)
      : contacts.map((c, i) => h('div', { class: 'check' }, boxes[i], h('label', { for: boxes[i].id }, personLabel(c)))));
  return {
    el,
    empty: contacts.length === 0,
    selected: () => boxes.filter((b) => b.checked).map((b) => Number(b.value)),
  };
}
