// Hash banks: the policy's banks with their sizes; one bank's entries a page at a time, each
// removable; images added from a file or from a sent message. A banked image is refused on its
// next send, also when resized or re-encoded (PDQ).
import { h } from '../dom.js';
import { renderProblem } from '../problem.js';
import { attempt, field } from '../views/forms.js';
import { askReason } from '../views/reason-dialog.js';
import { consoleHref } from './console-router.js';

const PAGE = 50;

export class BanksView {
  constructor(ctx, bank) {
    this.ctx = ctx;
    this.bank = bank;
    this.offset = 0;
    this.body = h('div', { class: 'banks-body' }, h('p', { class: 'muted' }, 'Loading…'));
    this.el = h('section', { class: 'console-section', 'aria-labelledby': 'banks-heading' },
      bank && h('a', { href: '#/banks', class: 'back-link' }, h('span', { 'aria-hidden': 'true' }, '‹ '), 'All banks'),
      h('div', { class: 'section-head' }, h('h2', { id: 'banks-heading', tabindex: '-1' }, bank ? `Bank: ${bank}` : 'Hash banks')),
      this.body);
    if (bank) {
      this.entries = h('div', { class: 'entries' });
      this.body.replaceChildren(this.addForms(), this.entries);
      this.loadEntries();
    } else {
      this.loadBanks();
    }
  }

  async loadBanks() {
    try {
      const banks = await this.ctx.api.get('/moderation/banks');
      this.body.replaceChildren(banks.length === 0 ? h('p', { class: 'empty' }, 'The policy names no banks.')
        : h('ul', { class: 'bank-list', 'aria-label': 'Banks' }, banks.map((b) => h('li', {},
          h('a', { href: consoleHref('banks', b.name) }, b.name),
          h('span', { class: 'muted' }, ` ${b.entries} ${b.entries === 1 ? 'entry' : 'entries'}`)))),
      h('p', { class: 'muted' }, 'Each image adds up to three entries: its SHA-256, its MD5 and its PDQ perceptual hash.'));
    } catch (problem) {
      this.body.replaceChildren(renderProblem(problem));
    }
  }

  async loadEntries() {
    try {
      const page = await this.ctx.api.get(`/moderation/banks/${encodeURIComponent(this.bank)}/entries?offset=${this.offset}&limit=${PAGE}`);
      this.entries.replaceChildren(this.renderPage(page));
    } catch (problem) {
      this.entries.replaceChildren(renderProblem(problem));
    }
  }

  renderPage(page) {
    const last = Math.min(page.total, this.offset + page.entries.length);
    const pager = h('div', { class: 'pager' },
      h('button', { type: 'button', disabled: this.offset === 0, onclick: () => this.turn(-PAGE) }, 'Previous'),
      h('span', { role: 'status' }, page.total === 0 ? 'The bank is empty.' : `Entries ${this.offset + 1} to ${last} of ${page.total}`),
      h('button', { type: 'button', disabled: last >= page.total, onclick: () => this.turn(PAGE) }, 'Next'));
    if (page.entries.length === 0) return pager;
    return h('div', {}, h('div', { class: 'table-wrap' }, h('table', { class: 'data entries-table' },
      h('thead', {}, h('tr', {}, ['Type', 'Hash', 'Label', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, page.entries.map((e) => h('tr', {},
        h('td', {}, e.type),
        h('td', {}, h('code', { class: 'hash', title: e.hex }, e.hex)),
        h('td', {}, e.label || ''),
        h('td', {}, this.removeButton(e))))))), pager);
  }

  turn(delta) {
    this.offset = Math.max(0, this.offset + delta);
    this.loadEntries();
  }

  removeButton(entry) {
    const button = h('button', { type: 'button', class: 'small', 'aria-label': `Remove ${entry.type} ${entry.hex.slice(0, 12)}…` }, 'Remove');
    button.addEventListener('click', async () => {
      const removed = await askReason({
        title: 'Remove this entry',
        intro: `${entry.type} ${entry.hex}${entry.label ? ` (${entry.label})` : ''}. Images with this hash will no longer be refused by it.`,
        label: 'Why remove it?',
        hint: 'Recorded in the audit log.',
        submitLabel: 'Remove',
        action: (reason) => this.ctx.api.delete(
          `/moderation/banks/${encodeURIComponent(this.bank)}/entries/${entry.type}/${entry.hex}?reason=${encodeURIComponent(reason)}`),
      });
      if (removed) {
        this.ctx.notify('Removed the entry from the bank.');
        this.loadEntries();
      }
    });
    return button;
  }

  /** Two ways in: an image file, or the image of a message already sent (from the queue, say). */
  addForms() {
    const file = h('input', { type: 'file', name: 'image', accept: 'image/jpeg,image/png,image/gif,image/webp', required: true });
    const fileReason = h('input', { name: 'reason', maxlength: '2000', autocomplete: 'off' });
    const fileSubmit = h('button', { type: 'submit', class: 'primary' }, 'Add image');
    const fileErrors = h('div', { class: 'errors' });
    const fromFile = h('form', { class: 'card', 'aria-label': 'Add an image file' },
      h('h3', {}, 'Add an image file'), field('Image', file), field('Reason', fileReason, 'Recorded with the entries and in the audit log.'),
      fileErrors, fileSubmit);
    fromFile.addEventListener('submit', (event) => {
      event.preventDefault();
      this.add(fileSubmit, fileErrors, () => {
        if (!file.files.length) throw new Error('Pick an image file first.');
        const query = new URLSearchParams({ reason: fileReason.value.trim() });
        return this.ctx.api.request('POST', `/moderation/banks/${encodeURIComponent(this.bank)}/entries?${query}`, file.files[0]);
      }, () => { file.value = ''; fileReason.value = ''; });
    });

    const message = h('input', { name: 'messageId', type: 'number', min: '1', inputmode: 'numeric' });
    const messageReason = h('input', { name: 'reason', maxlength: '2000', autocomplete: 'off' });
    const messageSubmit = h('button', { type: 'submit' }, 'Add the message’s image');
    const messageErrors = h('div', { class: 'errors' });
    const fromMessage = h('form', { class: 'card', 'aria-label': 'Add the image of a message' },
      h('h3', {}, 'Add the image of a sent message'), field('Message number', message), field('Reason', messageReason),
      messageErrors, messageSubmit);
    fromMessage.addEventListener('submit', (event) => {
      event.preventDefault();
      this.add(messageSubmit, messageErrors, () => this.ctx.api.post(`/moderation/messages/${Number(message.value)}/bank`,
        { bank: this.bank, reason: messageReason.value.trim() }), () => { message.value = ''; messageReason.value = ''; });
    });
    return h('div', { class: 'bank-forms' }, fromFile, fromMessage);
  }

  async add(submit, errors, request, reset) {
    let banked;
    const ok = await attempt(submit, errors, async () => { banked = await request(); });
    if (!ok) return;
    reset();
    this.ctx.notify(`Added ${banked.added} new ${banked.added === 1 ? 'entry' : 'entries'} to ${this.bank}.`);
    this.offset = 0;
    this.loadEntries();
  }
}
