// The one menu of a message's actions (reply, edit, forward, copy, recall, report, delete for me),
// opened from the message by a long press on a phone, its hover button or a right click on a
// desktop, and by keyboard (Enter or the context-menu key on the focused message). Arrow keys,
// Home and End move between the items; Escape or Tab closes it and focus goes back to the message.
import { h } from '../dom.js';

const LONG_PRESS_MS = 500;
const MOVE_TOLERANCE_PX = 10;

let open = null;

/** Closes the menu that is open, if any; focus returns to what opened it unless {@code keepFocus}. */
export function closeMessageMenu(keepFocus = false) {
  if (!open) return;
  const { menu, returnTo, cleanup } = open;
  open = null;
  cleanup();
  menu.remove();
  if (!keepFocus && returnTo?.isConnected) returnTo.focus();
}

/**
 * Opens a menu of {@code items} ({label, run, danger?}) beside {@code anchor}, or at {@code point}
 * ({x, y}: a right click or long press).
 */
export function openMessageMenu(items, { anchor, point, returnTo, label }) {
  closeMessageMenu(true);
  if (items.length === 0) return;
  const buttons = items.map((item) => h('button', {
    type: 'button', role: 'menuitem', tabindex: '-1', class: item.danger ? 'danger' : null,
    onclick: () => {
      closeMessageMenu();
      item.run();
    },
  }, item.label));
  const menu = h('div', { class: 'message-menu', role: 'menu', 'aria-label': label }, buttons);
  document.body.append(menu);
  place(menu, anchor, point);

  const focusAt = (i) => buttons[(i + buttons.length) % buttons.length].focus();
  menu.addEventListener('keydown', (event) => {
    const i = buttons.indexOf(document.activeElement);
    switch (event.key) {
      case 'ArrowDown': focusAt(i + 1); break;
      case 'ArrowUp': focusAt(i - 1); break;
      case 'Home': focusAt(0); break;
      case 'End': focusAt(buttons.length - 1); break;
      case 'Escape': closeMessageMenu(); break;
      case 'Tab': closeMessageMenu(); break;
      default: return;
    }
    event.preventDefault();
  });
  const outside = (event) => {
    if (!menu.contains(event.target)) closeMessageMenu(true);
  };
  const onScroll = (event) => {
    if (!menu.contains(event.target)) closeMessageMenu(true);
  };
  // Listened for after this turn, so the click or press that opened the menu does not close it.
  const timer = setTimeout(() => {
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', onScroll);
  });
  open = {
    menu,
    returnTo,
    cleanup: () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', onScroll);
    },
  };
  focusAt(0);
}

/** Beside the anchor (below it, or above when there is no room), or at the point, inside the window. */
function place(menu, anchor, point) {
  const box = menu.getBoundingClientRect();
  let x;
  let y;
  if (point) {
    ({ x, y } = point);
  } else {
    const a = anchor.getBoundingClientRect();
    x = a.right - box.width;
    y = a.bottom + 4;
    if (y + box.height > window.innerHeight) y = a.top - box.height - 4;
  }
  const margin = 8;
  x = Math.max(margin, Math.min(x, window.innerWidth - box.width - margin));
  y = Math.max(margin, Math.min(y, window.innerHeight - box.height - margin));
  menu.style.left = `${Math.round(x)}px`;
  menu.style.top = `${Math.round(y)}px`;
}

/**
 * Makes {@code row} open its menu: right click, a long press by touch (which also stops the
 * browser's own menu), and Enter, Shift+F10 or the context-menu key while the row has focus.
 * {@code show(point)} opens it (point undefined: beside the row's button).
 */
export function menuTriggers(row, show) {
  let press = null;
  row.addEventListener('contextmenu', (event) => {
    event.preventDefault();
    show({ x: event.clientX, y: event.clientY });
  });
  row.addEventListener('keydown', (event) => {
    if (event.target !== row) return;
    if (event.key === 'Enter' || event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      show();
    }
  });
  row.addEventListener('pointerdown', (event) => {
    if (event.pointerType !== 'touch') return;
    const start = { x: event.clientX, y: event.clientY };
    press = { start, timer: setTimeout(() => { press = null; show(start); }, LONG_PRESS_MS) };
  });
  const cancel = () => {
    if (press) clearTimeout(press.timer);
    press = null;
  };
  row.addEventListener('pointermove', (event) => {
    if (press && Math.hypot(event.clientX - press.start.x, event.clientY - press.start.y) > MOVE_TOLERANCE_PX) cancel();
  });
  row.addEventListener('pointerup', cancel);
  row.addEventListener('pointercancel', cancel);
}
