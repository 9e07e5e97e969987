// Groups: create one from your contacts; see its members, add and remove them, leave.
import { h } from '../dom.js';
import { avatar, nameOf, nameText, personLabel } from '../people.js';
import { renderProblem } from '../problem.js';
import { goToChat, goToChats } from '../router.js';
import { confirmAction, openDialog } from './dialog.js';
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

export function openGroupInfo(client, conversationId) {
  const members = h('ul', { class: 'people', 'aria-label': 'Members' });
  const addSlot = h('div');
  const errors = h('div', { class: 'errors' });
  const leave = h('button', { type: 'button', class: 'danger' }, 'Leave group');
  const dialog = openDialog('Group members', h('div', { class: 'dialog-body' }, members, addSlot, errors,
    h('div', { class: 'dialog-actions' }, leave)));

  leave.addEventListener('click', async () => {
    if (!await confirmAction('Leave this group? You will no longer see its messages.', 'Leave')) return;
    if (await attempt(leave, errors, () => client.leave(conversationId))) {
      dialog.close();
      goToChats();
    }
  });

  let adding = null; // the add form's picker: what is ticked there survives a re-render
  const render = () => {
    const view = client.store.details.get(conversationId);
    if (!view) return;
    const myRole = view.members.find((m) => m.id === client.store.me.id)?.role;
    const manager = myRole === 'owner' || myRole === 'admin';
    members.replaceChildren(...view.members.map((m) => {
      // The owner removes anyone; admins remove plain members (as the server allows).
      const removable = m.id !== client.store.me.id && (myRole === 'owner' || (manager && m.role === 'member'));
      const remove = removable && h('button', { type: 'button', class: 'small' }, 'Remove');
      if (remove) {
        remove.setAttribute('aria-label', `Remove ${nameText(m, true)}`);
        remove.addEventListener('click', () => attempt(remove, errors, () => client.removeMember(conversationId, m.id)));
      }
      return h('li', { class: 'person' },
        avatar(m, client.media),
        h('span', { class: 'person-name' }, personLabel(m), m.role !== 'member' && h('span', { class: 'role' }, ` (${m.role})`)),
        h('span', { class: 'actions' }, remove));
    }));
    // The details reload as the dialog opens: a moment later the form is rebuilt, keeping the ticks.
    const ticked = new Set(adding?.selected() ?? []);
    adding = manager ? contactPicker(client, new Set(view.members.map((m) => m.id)), 'Add members',
      'All your contacts are in this group.', ticked) : null;
    addSlot.replaceChildren(adding ? addMembersForm(client, view, errors, adding) : '');
  };
  const unsubscribe = client.store.subscribe((topic, id) => {
    if (topic === 'conversation' && id === conversationId) render();
  });
  dialog.addEventListener('close', unsubscribe);
  render();
  client.loadDetails(conversationId).catch((problem) => errors.replaceChildren(renderProblem(problem)));
}

function addMembersForm(client, view, errors, picker) {
  if (picker.empty) return picker.el;
  const submit = h('button', { type: 'submit' }, 'Add');
  const form = h('form', {}, picker.el, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(submit, errors, () => client.addMembers(view.id, picker.selected()));
  });
  return form;
}

/** Checkboxes for the contacts not in {@code excluded}, those in {@code ticked} checked; selected() answers the checked ids. */
function contactPicker(client, excluded, legend, whenEmpty, ticked = new Set()) {
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
