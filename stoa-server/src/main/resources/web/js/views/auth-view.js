// Log in, or create an account and log in: one form in two modes (the console only logs in).
import { Api } from '../api.js';
import { h } from '../dom.js';
import { saveSession } from '../session.js';
import { attempt, field } from './forms.js';

/**
 * @param onLoggedIn(session) called with the saved session
 * @param notice             an optional sentence to show first (e.g. why the last session ended)
 * @param tagline            what the page is for
 * @param canRegister        false where accounts are not made (the moderator console)
 */
export function renderAuth({ onLoggedIn, notice, tagline = 'Chat with the people you know.', canRegister = true }) {
  const api = new Api(null);
  let registering = false;

  const heading = h('h2', { id: 'auth-heading', tabindex: '-1' });
  const username = h('input', { name: 'username', required: true, autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', required: true });
  const stay = h('input', { type: 'checkbox', name: 'stay', id: 'auth-stay' });
  const submit = h('button', { type: 'submit', class: 'primary' });
  const toggle = h('button', { type: 'button', class: 'link', onclick: () => setMode(!registering) });
  const errors = h('div', { class: 'errors' });
  const passwordField = field('Password', password, 'At least 10 characters.');

  const form = h('form', { class: 'auth-form', 'aria-labelledby': 'auth-heading', novalidate: true },
    heading,
    notice && h('p', { class: 'notice' }, notice),
    field('Username', username, '3 to 32 characters: a to z, 0 to 9, _ and .'),
    passwordField,
    h('div', { class: 'check' }, stay, h('label', { for: 'auth-stay' }, 'Stay logged in on this device')),
    errors,
    submit,
    canRegister && h('p', { class: 'switch' }, toggle));

  function setMode(register) {
    registering = register;
    heading.textContent = register ? 'Create an account' : 'Log in';
    submit.textContent = register ? 'Create account' : 'Log in';
    toggle.textContent = register ? 'I have an account: log in' : 'New here? Create an account';
    password.autocomplete = register ? 'new-password' : 'current-password';
    passwordField.querySelector('.hint').hidden = !register;
    errors.replaceChildren();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const credentials = { username: username.value.trim().toLowerCase(), password: password.value };
    let session;
    const ok = await attempt(submit, errors, async () => {
      if (registering) await api.post('/accounts', credentials);
      session = await api.post('/sessions', credentials);
    });
    if (ok) onLoggedIn(saveSession(session, stay.checked));
  });

  setMode(false);
  return h('main', { class: 'auth' },
    h('div', { class: 'auth-card' },
      h('h1', { class: 'brand' }, 'Stoa'),
      h('p', { class: 'tagline' }, tagline),
      form));
}
