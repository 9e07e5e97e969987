// An invite link opened (#/invite/<code>): whose it is, and one tap to send them a contact request.
// Opened before logging in, the link waits in the address until the login is done.
import { h } from '../dom.js';
import { avatar, nameText, personLabel } from '../people.js';
import { renderProblem } from '../problem.js';
import { goToContacts } from '../router.js';
import { attempt } from './forms.js';

export class InvitePage {
  constructor(client, code, { notify }) {
    this.body = h('div', { class: 'invite-body' }, h('p', { class: 'muted' }, 'Opening the invite…'));
    this.el = h('section', { class: 'invite-page', 'aria-labelledby': 'invite-heading' },
      h('a', { href: '#/contacts', class: 'back-link' }, h('span', { 'aria-hidden': 'true' }, '‹ '), 'Contacts'),
      this.body);
    this.destroyed = false;
    client.invite(code).then((invite) => {
      if (!this.destroyed) this.body.replaceChildren(...this.render(client, code, invite, notify));
    }, (problem) => this.body.replaceChildren(h('h2', { id: 'invite-heading' }, 'This invite link does not work'),
      renderProblem(problem)));
  }

  render(client, code, invite, notify) {
    const errors = h('div', { class: 'errors' });
    const send = h('button', { type: 'button', class: 'primary' }, 'Send a contact request');
    send.addEventListener('click', async () => {
      let request;
      if (await attempt(send, errors, async () => { request = await client.acceptInvite(code); })) {
        notify(request.status === 'accepted'
          ? `You and ${nameText(invite.from, true)} are now contacts.`
          : `Request sent to ${nameText(invite.from, true)}.`);
        goToContacts();
      }
    });
    const mine = invite.from.id === client.store.me.id;
    return [
      h('div', { class: 'invite-person' }, avatar(invite.from, client.media, 'large'),
        h('h2', { id: 'invite-heading', tabindex: '-1' }, personLabel(invite.from))),
      h('p', {}, mine ? 'This is your own invite link: share it with people you want as contacts.'
        : 'invites you to be contacts. Sending the request tells them your username; you can chat once they accept.'),
      !mine && send,
      errors,
    ];
  }

  destroy() {
    this.destroyed = true;
  }
}
