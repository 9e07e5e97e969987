// A group's settings, from the chat's header: its picture, name and description (owners and admins
// change them; the server reviews what is new like a message), my own mute, the members with a
// search, their roles (the owner makes and removes admins and hands the group over), adding and
// removing members, and leaving.
import { h } from '../dom.js';
import { avatar, nameOf, nameText, personLabel } from '../people.js';
import { renderProblem } from '../problem.js';
import { goToChats } from '../router.js';
import { confirmAction, openDialog } from './dialog.js';
import { attempt, field } from './forms.js';
import { contactPicker } from './group-dialogs.js';
import { cropSquare } from './profile-settings.js';

const ROLE_WORDS = { owner: 'Owner', admin: 'Admin', member: '' };

/** The group as avatar() and nameOf() take a person: its title and picture. */
export function groupFace(summaryOrView) {
  return { displayName: summaryOrView.title || 'Group', avatarId: summaryOrView.avatarId };
}

export function openGroupSettings(client, conversationId) {
  const errors = h('div', { class: 'errors' });
  const profileSlot = h('div', { class: 'group-profile' });
  const mute = h('input', { type: 'checkbox', id: 'group-mute' });
  const search = h('input', { type: 'search', placeholder: 'Search members', 'aria-label': 'Search members', autocomplete: 'off' });
  const members = h('ul', { class: 'people member-list', 'aria-label': 'Members' });
  const count = h('p', { class: 'muted member-count' });
  const addSlot = h('div');
  const leave = h('button', { type: 'button', class: 'danger' }, 'Leave group');
  const dialog = openDialog('Group settings', h('div', { class: 'dialog-body group-settings' },
    profileSlot,
    h('div', { class: 'check' }, mute, h('label', { for: mute.id }, 'Mute this group'),
      h('span', { class: 'hint' }, ' (its unread count stays, without alerts)')),
    h('h3', {}, 'Members'), search, count, members, addSlot, errors,
    h('div', { class: 'dialog-actions' }, leave)));

  mute.addEventListener('change', () => attempt(mute, errors, () => client.mute(conversationId, mute.checked)));
  search.addEventListener('input', () => renderMembers());
  leave.addEventListener('click', async () => {
    if (!await confirmAction('Leave this group? You will no longer see its messages.', 'Leave')) return;
    if (await attempt(leave, errors, () => client.leave(conversationId))) {
      dialog.close();
      goToChats();
    }
  });

  let profileForm = null; // kept while the dialog is open: what is being typed survives an update
  let adding = null; // the add form's picker: what is ticked there survives a re-render
  const myRole = () => client.store.details.get(conversationId)?.members.find((m) => m.id === client.store.me.id)?.role;

  const renderMembers = () => {
    const view = client.store.details.get(conversationId);
    if (!view) return;
    const role = myRole();
    const query = search.value.trim().toLocaleLowerCase();
    const shown = view.members.filter((m) => !query || nameOf(m).toLocaleLowerCase().includes(query)
      || m.username.toLocaleLowerCase().includes(query));
    count.textContent = query ? `${shown.length} of ${view.members.length} members` : `${view.members.length} members`;
    members.replaceChildren(...(shown.length === 0 ? [h('li', { class: 'empty' }, 'No member goes by that name.')]
      : shown.map((m) => memberRow(client, conversationId, m, role, errors))));
  };

  const render = () => {
    const view = client.store.details.get(conversationId);
    if (!view) return;
    const manager = myRole() === 'owner' || myRole() === 'admin';
    mute.checked = Boolean(client.store.conversations.get(conversationId)?.muted);
    if (manager) {
      profileForm ??= groupProfileForm(client, conversationId);
      profileForm.fill(view);
      profileSlot.replaceChildren(profileForm.el);
    } else {
      profileForm = null;
      profileSlot.replaceChildren(h('div', { class: 'avatar-row' }, avatar(groupFace(view), client.media, 'large'),
        h('div', {}, h('p', { class: 'group-title' }, view.title || 'Untitled group'),
          view.description && h('p', { class: 'group-description' }, view.description))));
    }
    renderMembers();
    const ticked = new Set(adding?.selected() ?? []);
    adding = manager ? contactPicker(client, new Set(view.members.map((m) => m.id)), 'Add members',
      'All your contacts are in this group.', ticked) : null;
    addSlot.replaceChildren(adding ? addMembersForm(client, view, errors, adding) : '');
  };
  const unsubscribe = client.store.subscribe((topic, id) => {
    if ((topic === 'conversation' && id === conversationId) || topic === 'conversations') render();
  });
  dialog.addEventListener('close', unsubscribe);
  render();
  client.loadDetails(conversationId).catch((problem) => errors.replaceChildren(renderProblem(problem)));
}

/** One member: name and role, and what I may do to them (as the server allows it). */
function memberRow(client, conversationId, m, myRole, errors) {
  const me = m.id === client.store.me.id;
  const label = nameText(m, true);
  const action = (text, aria, run, confirm) => {
    const button = h('button', { type: 'button', class: 'small', 'aria-label': aria }, text);
    button.addEventListener('click', async () => {
      if (confirm && !await confirmAction(confirm.question, confirm.label, confirm.details)) return;
      attempt(button, errors, run);
    });
    return button;
  };
  const actions = [];
  if (!me && myRole === 'owner') {
    actions.push(m.role === 'admin'
      ? action('Remove admin', `Remove ${label} as admin`, () => client.setRole(conversationId, m.id, 'member'))
      : action('Make admin', `Make ${label} an admin`, () => client.setRole(conversationId, m.id, 'admin')));
    actions.push(action('Make owner', `Make ${label} the owner`, () => client.setRole(conversationId, m.id, 'owner'), {
      question: `Hand this group over to ${label}?`, label: 'Make owner',
      details: h('p', {}, 'They become the owner and you an admin. Only they can give it back.') }));
  }
  if (!me && (myRole === 'owner' || (myRole === 'admin' && m.role === 'member'))) {
    actions.push(action('Remove', `Remove ${label}`, () => client.removeMember(conversationId, m.id)));
  }
  return h('li', { class: 'person' },
    avatar(m, client.media),
    h('span', { class: 'person-name' }, personLabel(m), me && h('span', { class: 'muted' }, ' (you)'),
      ROLE_WORDS[m.role] && h('span', { class: 'role' }, ` ${ROLE_WORDS[m.role]}`)),
    h('span', { class: 'actions' }, actions));
}

/** Name, description and picture, for owners and admins. */
function groupProfileForm(client, conversationId) {
  let picture = null; // a cropped Blob waiting for Save, or 'remove'
  let shown = null;
  const preview = h('div', { class: 'avatar-preview' });
  const title = h('input', { name: 'title', maxlength: '100', autocomplete: 'off' });
  const description = h('textarea', { name: 'description', rows: 3, maxlength: 500 });
  const file = h('input', { type: 'file', accept: 'image/png,image/jpeg,image/webp,image/gif', class: 'visually-hidden',
    id: 'group-avatar-file' });
  const status = h('p', { class: 'notice', role: 'status' });
  const errors = h('div', { class: 'errors' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
  const showPicture = (face) => preview.replaceChildren(avatar(face, client.media, 'large'));
  file.addEventListener('change', async () => {
    errors.replaceChildren();
    try {
      picture = await cropSquare(file.files[0]);
    } catch {
      errors.replaceChildren(h('p', { class: 'problem', role: 'alert' }, 'This file is not a picture this browser can read.'));
      return;
    }
    preview.replaceChildren(h('span', { class: 'avatar large' }, h('img', { src: URL.createObjectURL(picture), alt: 'The new picture' })));
  });
  const remove = h('button', { type: 'button', class: 'quiet', onclick: () => {
    picture = 'remove';
    showPicture({ displayName: title.value || 'Group' });
  } }, 'Remove picture');
  const el = h('form', { class: 'profile-form', 'aria-label': 'Group profile' },
    h('div', { class: 'avatar-row' }, preview, h('div', { class: 'avatar-actions' }, file,
      h('label', { for: file.id, class: 'button' }, 'Choose a picture'), remove)),
    field('Group name', title, 'Up to 100 characters.'),
    field('Description', description, 'What the group is about, up to 500 characters.'),
    errors, save, status);
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    status.textContent = '';
    attempt(save, errors, async () => {
      const changes = { title: title.value, description: description.value };
      if (picture === 'remove') changes.avatarId = '';
      else if (picture) changes.avatarId = await client.uploadAvatar(picture);
      await client.updateGroup(conversationId, changes);
      picture = null;
      status.textContent = 'Saved.';
    });
  });
  return {
    el,
    /** Shows the group as it is now, unless it is being edited. */
    fill(view) {
      const editing = picture !== null || (shown && (title.value !== (shown.title ?? '') || description.value !== (shown.description ?? '')));
      if (editing) return;
      shown = view;
      title.value = view.title ?? '';
      description.value = view.description ?? '';
      showPicture(groupFace(view));
    },
  };
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
