// Moving to a new account, from both ends. The new account names the old one ("Moving here"); the
// old one then moves ("Move to a new account") with its password, and every contact gets a card
// that adds the new account in one tap. Afterwards the old account follows how its contacts
// answered, and may cancel within 7 days. A refusal under the policy links to its decision, which
// can be appealed.
import { fill, h, syncList } from '../dom.js';
import { longTime } from '../format.js';
import { moveSentences } from '../moves.js';
import { renderProblem } from '../problem.js';
import { confirmAction } from './dialog.js';
import { attempt, field } from './forms.js';

export class MoveSettings {
  constructor(client) {
    this.client = client;
    this.state = h('div', { class: 'move-state', role: 'status' });
    this.moveErrors = h('div', { class: 'errors' });
    this.moveForm = this.buildMoveForm();
    this.aliases = h('ul', { class: 'people', 'aria-label': 'Accounts moving here' });
    this.aliasErrors = h('div', { class: 'errors' });
    this.el = h('div', { class: 'move-settings' },
      h('section', { class: 'people-section', 'aria-labelledby': 'move-away-heading' },
        h('h3', { id: 'move-away-heading' }, 'Move to a new account'),
        this.state, this.moveForm, this.moveErrors),
      h('section', { class: 'people-section', 'aria-labelledby': 'move-here-heading' },
        h('h3', { id: 'move-here-heading' }, 'Moving here from another account'),
        h('p', { class: 'hint' }, 'Name the account you are leaving, then log in to it and move it here from its Settings:'
          + ' its contacts will each be asked to add this account, with one tap.'),
        this.aliases, this.buildAliasForm(), this.aliasErrors));
  }

  show() {
    this.load();
  }

  async load() {
    try {
      const [move, aliases] = await Promise.all([this.client.myMove(), this.client.aliases()]);
      this.renderMove(move);
      this.renderAliases(aliases);
    } catch (problem) {
      this.moveErrors.replaceChildren(renderProblem(problem));
    }
  }

  buildMoveForm() {
    const to = h('input', { name: 'to', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
    const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Move my contacts');
    const form = h('form', { class: 'move-form', 'aria-label': 'Move to a new account' },
      h('p', {}, 'Moving tells every contact where you went: each gets a card that adds your new account in one tap, and'
        + ' the owners and admins of your groups can re-invite it. This account stays, and its profile says where you went.'),
      h('p', { class: 'hint' }, 'First log in to your new account and name this one under Settings, Moving here. You can'
        + ' move once every 30 days, and cancel within 7 days. Sanctions in force go with you.'),
      field('Your new account', to, 'A username on this server, or name@server for another Stoa server.'),
      field('This account’s password', password),
      submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      let moved;
      const ok = await attempt(submit, this.moveErrors, async () => {
        moved = await this.client.move(to.value.trim().toLowerCase(), password.value);
      });
      password.value = '';
      if (ok) {
        to.value = '';
        this.renderMove(moved);
      }
    });
    return form;
  }

  renderMove(move) {
    const standing = move?.status === 'active';
    this.moveForm.hidden = standing;
    if (!move) {
      this.state.replaceChildren();
      return;
    }
    const cancellable = standing && Date.parse(move.cancellableUntil) > Date.now();
    const cancel = h('button', { type: 'button', class: 'danger' }, 'Cancel the move');
    cancel.addEventListener('click', () => this.cancel(cancel, move));
    fill(this.state,
      moveSentences(move).map((text) => h('p', {}, text)),
      cancellable && h('p', { class: 'move-cancel' }, cancel, ` You can cancel until ${longTime(move.cancellableUntil)}.`),
      !standing && move.nextMoveAt && Date.parse(move.nextMoveAt) > Date.now()
        && h('p', { class: 'hint' }, `You can move again after ${longTime(move.nextMoveAt)}.`));
  }

  async cancel(button, move) {
    const confirmed = await confirmAction(`Cancel your move to ${move.to}?`, 'Cancel the move',
      h('p', {}, 'The cards your contacts have not answered yet are withdrawn, and your profile no longer says where you'
        + ' went. Contacts who already added your new account keep it. You can move again 30 days after this move.'));
    if (!confirmed) return;
    let cancelled;
    if (await attempt(button, this.moveErrors, async () => { cancelled = await this.client.cancelMove(); })) {
      this.renderMove(cancelled);
    }
  }

  buildAliasForm() {
    const username = h('input', { name: 'alias', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
    const submit = h('button', { type: 'submit' }, 'Name it');
    const form = h('form', { class: 'alias-form' },
      field('Your old account', username, 'Its username here, or name@server on another Stoa server.'), submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      let aliases;
      if (await attempt(submit, this.aliasErrors, async () => { aliases = await this.client.addAlias(username.value.trim()); })) {
        username.value = '';
        this.renderAliases(aliases);
      }
    });
    return form;
  }

  renderAliases(aliases) {
    syncList(this.aliases, aliases, (a) => `${a.username}:${a.movedHereAt ?? ''}`, (a) => {
      const remove = h('button', { type: 'button', class: 'small' }, 'Remove');
      remove.addEventListener('click', async () => {
        let left;
        if (await attempt(remove, this.aliasErrors, async () => { left = await this.client.removeAlias(a.username); })) {
          this.renderAliases(left);
        }
      });
      return h('li', { class: 'person' },
        h('span', { class: 'person-name' }, a.username),
        h('span', { class: 'muted' }, a.movedHereAt ? `moved here ${longTime(a.movedHereAt)}` : 'may move here'),
        h('span', { class: 'actions' }, remove));
    });
  }

  destroy() {}
}
