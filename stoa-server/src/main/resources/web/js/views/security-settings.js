// Settings, "Password and logins": change the password (the current one first; every other login
// is signed out), and see where the account is logged in, signing out any of those logins.
import { h, syncList } from '../dom.js';
import { longTime } from '../format.js';
import { renderProblem } from '../problem.js';
import { attempt, field } from './forms.js';

export class SecuritySettings {
  constructor(client) {
    this.client = client;
    const current = h('input', { name: 'current', type: 'password', autocomplete: 'current-password', required: true });
    const next = h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true });
    const again = h('input', { name: 'again', type: 'password', autocomplete: 'new-password', required: true });
    const submit = h('button', { type: 'submit' }, 'Change password');
    this.passwordErrors = h('div', { class: 'errors' });
    this.passwordStatus = h('p', { class: 'notice', role: 'status' });
    const form = h('form', { class: 'password-form', 'aria-label': 'Change password', novalidate: true },
      field('Current password', current),
      field('New password', next, 'At least 10 characters.'),
      field('New password again', again),
      this.passwordErrors, submit, this.passwordStatus);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      this.passwordStatus.textContent = '';
      if (next.value !== again.value) {
        this.passwordErrors.replaceChildren(h('p', { class: 'problem', role: 'alert' }, 'The two new passwords differ.'));
        return;
      }
      const ok = await attempt(submit, this.passwordErrors, () => client.changePassword(current.value, next.value));
      current.value = '';
      if (!ok) return;
      next.value = '';
      again.value = '';
      this.passwordStatus.textContent = 'Password changed. Every other login was signed out.';
      this.load();
    });
    this.sessions = h('ul', { class: 'people', 'aria-label': 'Where you are logged in' });
    this.sessionErrors = h('div', { class: 'errors' });
    this.el = h('div', { class: 'people-section security-settings' },
      h('h3', {}, 'Password and logins'), form,
      h('h3', {}, 'Where you are logged in'), this.sessions, this.sessionErrors);
  }

  show() {
    this.load();
  }

  async load() {
    try {
      this.render(await this.client.sessions());
    } catch (problem) {
      this.sessionErrors.replaceChildren(renderProblem(problem));
    }
  }

  render(sessions) {
    syncList(this.sessions, sessions, (s) => s.id, (s) => {
      const end = h('button', { type: 'button', class: 'small' }, 'Sign out');
      end.addEventListener('click', async () => {
        if (await attempt(end, this.sessionErrors, () => this.client.endSession(s.id))) this.load();
      });
      return h('li', { class: 'person session' },
        h('span', { class: 'person-name' }, s.client || 'A browser or app', s.current && h('span', { class: 'role' }, ' (this one)')),
        h('span', { class: 'muted' }, `since ${longTime(s.createdAt)}`),
        h('span', { class: 'actions' }, !s.current && end));
    });
  }

  destroy() {}
}
