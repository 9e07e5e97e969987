// The dialog that files an appeal: what the person asks for and, in their own words, why the
// decision is wrong. The server refuses an empty statement; asking here says so up front.
import { h } from '../dom.js';
import { longTime } from '../format.js';
import { openDialog } from './dialog.js';
import { attempt, field } from './forms.js';

const REQUESTS = [
  ['reverse', 'Reverse it: the decision was wrong'],
  ['reduce', 'Reduce it: the sanction is too much'],
  ['clarify', 'Explain it: I do not understand why'],
];

/** Opens the dialog; {@code action(statement, requestedOutcome)} files the appeal. Answers true once filed. */
export function askAppeal(decision, action) {
  return new Promise((resolve) => {
    let done = false;
    const radios = REQUESTS.map(([value], i) =>
      h('input', { type: 'radio', name: 'requested', value, id: `requested-${value}`, checked: i === 0 }));
    const statement = h('textarea', { name: 'statement', rows: '5', required: true, maxlength: '5000' });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Send appeal');
    const errors = h('div', { class: 'errors' });
    const form = h('form', { class: 'dialog-body', novalidate: true },
      h('p', { class: 'intro' }, `You can appeal decision ${decision.id} until ${longTime(decision.appealableUntil)}. `
        + 'A moderator who took no part in it decides, and writes you the reason.'),
      h('fieldset', { class: 'picker' }, h('legend', {}, 'What do you ask for?'),
        radios.map((radio, i) => h('div', { class: 'check' }, radio, h('label', { for: radio.id }, REQUESTS[i][1])))),
      field('Why is the decision wrong?', statement, 'In your own words; the moderator who decides reads it.'),
      errors,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), submit));
    const dialog = openDialog(`Appeal decision ${decision.id}`, form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = statement.value.trim();
      if (!text) {
        errors.replaceChildren(h('p', { class: 'problem', role: 'alert' }, 'Say why the decision is wrong first.'));
        statement.focus();
        return;
      }
      const requested = radios.find((r) => r.checked).value;
      done = await attempt(submit, errors, () => action(text, requested));
      if (done) dialog.close();
    });
    dialog.addEventListener('close', () => resolve(done));
    statement.focus();
  });
}
