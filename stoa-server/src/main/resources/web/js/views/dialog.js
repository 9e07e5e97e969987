// Modal dialogs on the native <dialog>: it keeps focus inside, closes on Escape and gives focus
// back to what opened it.
import { h, uid } from '../dom.js';

/** Opens a modal titled {@code title} holding {@code content}; answers the dialog element. */
export function openDialog(title, ...content) {
  const titleId = uid('dialog-title');
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
    h('div', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'quiet', 'aria-label': 'Close', onclick: () => dialog.close() }, '×')),
    ...content);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Asks before something that cannot be undone, with what to know first ({@code details}); answers true if confirmed. */
export function confirmAction(question, confirmLabel, ...details) {
  return new Promise((resolve) => {
    let confirmed = false;
    const dialog = openDialog(question,
      details.length > 0 && h('div', { class: 'dialog-body' }, details),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'button', class: 'danger', onclick: () => { confirmed = true; dialog.close(); } }, confirmLabel)));
    dialog.addEventListener('close', () => resolve(confirmed));
  });
}
