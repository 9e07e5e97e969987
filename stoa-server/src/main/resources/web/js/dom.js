// Building and updating DOM without innerHTML: every text from the network goes in as a text node,
// so a message can never become markup.

/**
 * h('button', {class: 'x', onclick: fn, disabled: true}, 'Send') builds an element.
 * Keys starting with "on" add listeners; true adds an empty attribute; null, undefined and false
 * leave the attribute out; children may be strings, nodes, arrays or null.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/**
 * Replaces the children of {@code el} with {@code children}, taken as h() takes them (arrays
 * flattened, null and false left out), where the DOM's own replaceChildren would write an array
 * or false as text.
 */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/**
 * Makes the children of {@code container} match {@code items} in order, keyed by {@code keyOf}.
 * Existing nodes are kept (focus, scroll and loaded images survive) and rebuilt only when their
 * item is a different object: items are replaced, never mutated, when they change.
 */
export function syncList(container, items, keyOf, render) {
  const existing = new Map();
  for (const child of container.children) existing.set(child.dataset.key, child);
  let previous = null;
  for (const item of items) {
    const key = String(keyOf(item));
    let node = existing.get(key);
    existing.delete(key);
    if (!node || node.item !== item) {
      const fresh = render(item);
      fresh.dataset.key = key;
      fresh.item = item;
      if (node) node.replaceWith(fresh);
      node = fresh;
    }
    const expected = previous ? previous.nextElementSibling : container.firstElementChild;
    if (node !== expected) container.insertBefore(node, expected);
    previous = node;
  }
  for (const stale of existing.values()) stale.remove();
}

let ids = 0;

/** A unique id for pairing labels, descriptions and controls. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}
