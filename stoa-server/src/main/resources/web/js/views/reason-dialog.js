// A dialog that asks for a written reason before an action: a report in the chat, a lift or a bank
// removal in the console. The server refuses these without a reason; asking here says so up front.
import { h } from '../dom.js';
import { openDialog } from './dialog.js';
import { attempt, field } from './forms.js';

/**
 * Opens the dialog; {@code action(reason)} runs on submit, and a problem it throws is shown in the
 * dialog, which stays open. Answers true once the action succeeded, false when cancelled.
 *
 * @param title        the dialog's heading, e.g. "Report this message"
 * @param intro        an optional sentence above the field
 * @param label        the field's label
 * @param hint         who will read the reason
 * @param submitLabel  the button, e.g. "Report"
 */
export function askReason({ title, intro, label = 'Reason', hint, submitLabel, maxLength = 2000, action }) {
  return new Promise((resolve) => {
    let done = false;
    const reason = h('textarea', { name: 'reason', rows: '3', required: true, maxlength: String(maxLength) });
    const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
    const errors = h('div', { class: 'errors' });
    const form = h('form', { class: 'dialog-body', novalidate: true },
      intro && h('p', { class: 'intro' }, intro),
      field(label, reason, hint), errors,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), submit));
    const dialog = openDialog(title, form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = reason.value.trim();
      if (!text) {
        errors.replaceChildren(h('p', { class: 'problem', role: 'alert' }, 'Write a reason first.'));
        reason.focus();
        return;
      }
      done = await attempt(submit, errors, () => action(text));
      if (done) dialog.close();
    });
    dialog.addEventListener('close', () => resolve(done));
    reason.focus();
  });
}
