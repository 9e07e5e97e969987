// Settings, "Delete my account": with the password, after the offer to download one's data first.
// What stays and what goes is said before the question is asked.
import { h } from '../dom.js';
import { confirmAction } from './dialog.js';
import { attempt, field } from './forms.js';

export class DeleteSettings {
  /** @param downloadData() starts "Download my data" */
  constructor(client, { downloadData }) {
    const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password' });
    const submit = h('button', { type: 'submit', class: 'danger' }, 'Delete my account');
    const errors = h('div', { class: 'errors' });
    const form = h('form', { class: 'delete-form', 'aria-label': 'Delete my account' },
      h('p', {}, 'Deleting your account erases your profile, your picture and every image you sent, ends every login'
        + ' and removes you from your contacts. Your messages stay in their conversations, from “Deleted account”.'
        + ' Nobody can take your username after you. This cannot be undone.'),
      h('p', {}, h('button', { type: 'button', class: 'link', onclick: downloadData }, 'Keep a copy of your data first'),
        ': the archive is prepared under Your data, above.'),
      field('Your password', password), errors, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const sure = await confirmAction('Delete your account for good?', 'Delete my account',
        h('p', {}, 'Your profile, images and contacts go now, and you are logged out everywhere.'));
      if (!sure) return;
      const ok = await attempt(submit, errors, () => client.deleteAccount(password.value));
      password.value = '';
      if (ok) client.accountDeleted();
    });
    this.el = h('div', { class: 'people-section delete-settings' }, h('h3', {}, 'Delete my account'), form);
  }

  destroy() {}
}
