// Pieces every form uses: a labelled field, and running an action with its error shown in place.
import { h, uid } from '../dom.js';
import { renderProblem } from '../problem.js';

/** A label, its control and an optional hint, tied together for screen readers. */
export function field(label, control, hint) {
  control.id ||= uid('field');
  const hintEl = hint && h('p', { class: 'hint', id: uid('hint') }, hint);
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

/**
 * Runs {@code action} for a form or a button: disables {@code control} meanwhile and shows any
 * problem inline in {@code errorSlot} (replacing the last one). Answers true on success.
 */
export async function attempt(control, errorSlot, action) {
  control.disabled = true;
  errorSlot.replaceChildren();
  try {
    await action();
    return true;
  } catch (problem) {
    errorSlot.replaceChildren(renderProblem(problem));
    return false;
  } finally {
    control.disabled = false;
  }
}
