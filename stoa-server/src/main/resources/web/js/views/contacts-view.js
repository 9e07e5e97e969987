// Contacts: ask someone by username (not while a sanction takes adding contacts away) or share an
// invite link that sends a request in one tap, answer
// requests and move cards (a contact moved: one tap adds the new account, and re-invites it to my
// groups), start a chat, remove, block and unblock, report an account to the moderators.
import { h, syncList } from '../dom.js';
import { longTime } from '../format.js';
import { acceptedNotice, acceptLabel, cardOffer, cardSentence } from '../moves.js';
import { avatar, nameOf, nameText, personLabel } from '../people.js';
import { problemText, renderProblem } from '../problem.js';
import { sanctionSentence } from '../sanctions.js';
import { confirmAction } from './dialog.js';
import { attempt, field } from './forms.js';
import { askReason } from './reason-dialog.js';

export class ContactsView {
  /** @param notify(text) shows a passing notice */
  constructor(client, { openChat, notify }) {
    this.client = client;
    this.openChat = openChat;
    this.notify = notify;

    const username = h('input', { name: 'username', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
    const submit = h('button', { type: 'submit' }, 'Send request');
    const errors = h('div', { class: 'errors' });
    const sent = h('p', { class: 'notice', role: 'status' });
    this.addRestriction = h('p', { class: 'restriction', hidden: true });
    this.addControls = [username, submit];
    const form = h('form', { class: 'add-contact', 'aria-label': 'Add a contact' },
      field('Add a contact by username', username), this.addRestriction, submit, errors, sent);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      sent.textContent = '';
      let request;
      const ok = await attempt(submit, errors, async () => {
        request = await client.requestContact(username.value.trim().toLowerCase());
      });
      if (!ok) return;
      sent.textContent = request.status === 'accepted'
        ? `${nameText(request.from, true)} had asked you too: you are now contacts.`
        : `Request sent to ${nameText(request.to, true)}.`;
      username.value = '';
    });

    this.inviteLink = this.renderInviteLink();

    this.moved = h('ul', { class: 'people', 'aria-label': 'Contacts who moved' });
    this.incoming = h('ul', { class: 'people', 'aria-label': 'Requests to you' });
    this.outgoing = h('ul', { class: 'people', 'aria-label': 'Requests you sent' });
    this.contacts = h('ul', { class: 'people', 'aria-label': 'Your contacts' });
    this.blocked = h('ul', { class: 'people', 'aria-label': 'Blocked accounts' });
    this.sections = {
      moved: section('Moved', this.moved),
      incoming: section('Requests', this.incoming),
      outgoing: section('Waiting for an answer', this.outgoing),
      contacts: section('Contacts', this.contacts, h('p', { class: 'empty' }, 'No contacts yet.')),
      blocked: section('Blocked', this.blocked),
    };
    this.el = h('section', { class: 'panel contacts', 'aria-labelledby': 'contacts-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'contacts-heading' }, 'Contacts')),
      form, this.inviteLink, ...Object.values(this.sections));
    this.unsubscribe = client.store.subscribe((topic) => {
      if (topic === 'contacts') this.update();
      if (topic === 'sanctions') this.renderRestriction();
    });
    this.update();
    this.renderRestriction();
  }

  /** "Invite by link": makes a link anyone can open to send me a request, and copies it. */
  renderInviteLink() {
    const create = h('button', { type: 'button' }, 'Create an invite link');
    const url = h('input', { type: 'text', readonly: true, class: 'invite-url', 'aria-label': 'Your invite link', hidden: true });
    const copy = h('button', { type: 'button', class: 'small', hidden: true }, 'Copy');
    const errors = h('div', { class: 'errors' });
    const status = h('p', { class: 'notice', role: 'status' });
    create.addEventListener('click', () => attempt(create, errors, async () => {
      const invite = await this.client.createInvite();
      url.value = invite.url;
      url.hidden = false;
      copy.hidden = false;
      status.textContent = 'Share this link: whoever opens it can send you a contact request in one tap.';
      url.select();
    }));
    copy.addEventListener('click', async () => {
      url.select();
      try {
        await navigator.clipboard.writeText(url.value);
        status.textContent = 'Copied.';
      } catch {
        status.textContent = 'Select the link and copy it.';
      }
    });
    this.addControls.push(create);
    this.invites = h('ul', { class: 'people', 'aria-label': 'Invite links you made' });
    const mine = h('details', { class: 'invite-list' }, h('summary', {}, 'Invite links you made'), this.invites);
    mine.addEventListener('toggle', () => { if (mine.open) this.loadInvites(errors); });
    return h('div', { class: 'invite-link', role: 'group', 'aria-label': 'Invite by link' },
      h('h3', {}, 'Invite by link'), create, h('div', { class: 'invite-row' }, url, copy), status, errors, mine);
  }

  /** My invite links: how many used each, whether it still works, and Revoke. */
  async loadInvites(errors) {
    let invites;
    try {
      invites = await this.client.invites();
    } catch (problem) {
      errors.replaceChildren(renderProblem(problem));
      return;
    }
    syncList(this.invites, invites, (i) => `${i.code}:${i.uses}:${i.state}`, (i) => {
      const uses = i.maxUses ? `${i.uses} of ${i.maxUses} used` : `used ${i.uses} ${i.uses === 1 ? 'time' : 'times'}`;
      const state = i.state === 'open' ? (i.expiresAt ? `works until ${longTime(i.expiresAt)}` : 'works until revoked')
        : i.state === 'expired' ? 'expired' : 'used up';
      return h('li', { class: 'person invite' },
        h('span', { class: 'person-name' }, h('code', {}, `…/invite/${i.code.slice(0, 6)}…`)),
        h('span', { class: 'muted' }, `${uses}; ${state}`),
        h('span', { class: 'actions' }, this.button('Revoke', async () => {
          await this.client.revokeInvite(i.code);
          await this.loadInvites(errors);
        })));
    });
  }

  renderRestriction() {
    const sanction = this.client.store.blocking('add_contacts');
    for (const control of this.addControls) control.disabled = Boolean(sanction);
    this.addRestriction.hidden = !sanction;
    this.addRestriction.textContent = sanction ? sanctionSentence(sanction) : '';
  }

  update() {
    const store = this.client.store;
    const incoming = store.incomingRequests();
    const outgoing = store.outgoingRequests();
    const contacts = [...store.contacts.values()].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    const blocked = [...store.blocked.values()];
    const moved = store.moveCardList();
    syncList(this.moved, moved, (c) => c.id, (c) => this.moveCard(c));
    syncList(this.incoming, incoming, (r) => r.id, (r) => this.person(r.from,
      this.button('Accept', () => this.client.answerRequest(r.id, 'accept')),
      this.button('Decline', () => this.client.answerRequest(r.id, 'decline')),
      this.button('Block', () => this.confirmBlock(r.from))));
    syncList(this.outgoing, outgoing, (r) => r.id, (r) => this.person(r.to,
      this.button('Cancel request', () => this.client.answerRequest(r.id, 'cancel'))));
    syncList(this.contacts, contacts, (c) => `${c.id}:${store.blocked.has(c.id)}`, (c) => this.person(c,
      this.button('Message', async () => this.openChat(await this.client.directChatWith(c.id))),
      this.button('Remove', () => this.confirmRemove(c)),
      store.blocked.has(c.id) ? null : this.button('Block', () => this.confirmBlock(c)),
      this.button('Report', () => this.report(c))));
    syncList(this.blocked, blocked, (b) => b.id, (b) => this.person(b,
      this.button('Unblock', () => this.client.unblock(b.id))));
    this.sections.moved.hidden = moved.length === 0;
    this.sections.incoming.hidden = incoming.length === 0;
    this.sections.outgoing.hidden = outgoing.length === 0;
    this.sections.contacts.querySelector('.empty').hidden = contacts.length > 0;
    this.sections.blocked.hidden = blocked.length === 0;
  }

  /** A contact who moved: where to, what accepting does, and one tap to do it. */
  moveCard(card) {
    const offer = cardOffer(card);
    return h('li', { class: 'person move-card', 'data-same-server': String(card.sameServer) },
      h('div', { class: 'move-card-text' },
        h('p', { class: 'person-name' }, cardSentence(card)),
        offer && h('p', { class: 'hint' }, offer)),
      h('span', { class: 'actions' },
        this.button(acceptLabel(card), async () => this.notify(acceptedNotice(await this.client.acceptMoveCard(card.id)))),
        this.button('Ignore', () => this.client.ignoreMoveCard(card.id))));
  }

  /** A person's row: avatar, name with the username beside it, and what can be done. */
  person(person, ...actions) {
    return h('li', { class: 'person' }, avatar(person, this.client.media),
      h('span', { class: 'person-name' }, personLabel(person)), h('span', { class: 'actions' }, actions));
  }

  /** A button whose action's problem is shown as a notice (rows have no room for inline errors). */
  button(label, action) {
    const button = h('button', { type: 'button', class: 'small' }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await action();
      } catch (problem) {
        this.notify(problemText(problem));
      } finally {
        button.disabled = false;
      }
    });
    return button;
  }

  async confirmRemove(contact) {
    if (await confirmAction(`Remove ${nameText(contact, true)} from your contacts?`, 'Remove')) {
      await this.client.removeContact(contact.id);
    }
  }

  async confirmBlock(account) {
    const question = `Block ${nameText(account, true)}? They will not be able to message you, send you requests or add you to groups.`;
    if (await confirmAction(question, 'Block')) await this.client.block(account.id);
  }

  async report(account) {
    const reported = await askReason({
      title: `Report ${nameText(account, true)}`,
      intro: 'The moderators will look at this account and decide; you will see what they decided under Safety.',
      label: 'What is wrong?',
      hint: 'Only the moderators read this.',
      submitLabel: 'Report',
      maxLength: 1000,
      action: (reason) => this.client.report({ accountId: account.id }, reason),
    });
    if (reported) this.notify(`Reported ${nameText(account, true)}. Thank you: a moderator will look at it.`);
  }

  destroy() {
    this.unsubscribe();
  }
}

function section(title, list, ...extra) {
  return h('section', { class: 'people-section' }, h('h3', {}, title), ...extra, list);
}
