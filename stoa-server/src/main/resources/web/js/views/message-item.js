// One message in a chat: who wrote it, what it says (text, an image with its caption, a file, or
// that it was recalled or taken down), the message it answers, when, whether it was edited or
// forwarded, how its sending went and what moderation did to it. Its actions (reply, edit,
// forward, copy, recall, report, delete for me) are in its menu (message-menu.js), not on the bubble.
import { h } from '../dom.js';
import { fileSize, longTime, shortTime } from '../format.js';
import { renderModeration, renderTakenDown } from '../moderation.js';
import { problemContent } from '../problem.js';
import { menuTriggers, openMessageMenu } from './message-menu.js';

export const RECALL_WINDOW_MS = 2 * 60 * 1000;
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
const IMAGE_BOX = { width: 280, height: 320 };

/** What the list shows about a message's life, also as data-state for styles and tests. */
export function messageState(message) {
  if (message.delivery) return message.delivery; // sending, failed, refused: known only here
  if (message.recalledAt) return 'recalled';
  return message.status; // delivered, held, withdrawn, removed
}

/**
 * @param context {myId, showSender, senderName(id), media, original(id) -> the loaded message or undefined,
 *                jumpTo(id), download(message), recall(m), retry(m), discard(m), report(m), reply(m), edit(m),
 *                forward(m), copy(m), hide(m), decision(id) -> Promise of a decision about me}
 */
export function renderMessage(message, context) {
  const mine = message.senderId === context.myId;
  const state = messageState(message);
  const more = h('button', { type: 'button', class: 'more', 'aria-label': 'Message actions', 'aria-haspopup': 'menu',
    tabindex: '-1' }, '⋯');
  const row = h('li', { class: `message ${mine ? 'mine' : 'theirs'}`, 'data-state': state },
    context.showSender && !mine && h('span', { class: 'sender' }, context.senderName(message.senderId)),
    h('div', { class: 'bubble-row' },
      h('div', { class: 'bubble' },
        message.forwarded && h('p', { class: 'forwarded' }, 'Forwarded'),
        message.replyTo != null && quote(message, context),
        body(message, mine, context)),
      more),
    h('div', { class: 'meta' },
      h('time', { datetime: message.createdAt, title: longTime(message.createdAt) }, shortTime(message.createdAt)),
      message.editedAt && h('span', { class: 'edited', title: `Edited ${longTime(message.editedAt)}` }, 'edited'),
      status(message, state, context)),
    state === 'failed' && failure(message, context),
    renderModeration(message, { mine, decision: context.decision }));
  if (message.id !== undefined) row.dataset.id = String(message.id);
  const items = () => messageActions(message, state, mine, context);
  const show = (point) => openMessageMenu(items(), { anchor: more, point, returnTo: row, label: 'Message actions' });
  more.addEventListener('click', () => show());
  if (hasActions(state)) {
    row.tabIndex = 0;
    row.setAttribute('aria-haspopup', 'menu');
    row.setAttribute('aria-keyshortcuts', 'Enter ContextMenu');
    menuTriggers(row, show);
  } else {
    more.hidden = true;
  }
  return row;
}

function hasActions(state) {
  return state === 'delivered' || state === 'recalled' || state === 'withdrawn' || state === 'removed';
}

/** What can be done with a message now: computed when the menu opens, so the time windows are current. */
export function messageActions(message, state, mine, context) {
  const now = Date.now();
  const sent = Date.parse(message.createdAt);
  const delivered = state === 'delivered';
  const items = [];
  if (delivered) items.push({ label: 'Reply', run: () => context.reply(message) });
  if (delivered && mine && message.text != null && now < sent + EDIT_WINDOW_MS) {
    items.push({ label: 'Edit', run: () => context.edit(message) });
  }
  if (delivered) items.push({ label: 'Forward', run: () => context.forward(message) });
  if (delivered && message.text) items.push({ label: 'Copy text', run: () => context.copy(message) });
  if (delivered && mine && now < sent + RECALL_WINDOW_MS) items.push({ label: 'Recall', run: () => context.recall(message) });
  if (delivered && !mine) items.push({ label: 'Report', run: () => context.report(message), danger: true });
  if (message.id !== undefined) items.push({ label: 'Delete for me', run: () => context.hide(message), danger: true });
  return items;
}

/** The message this one answers, as it is now (recalled or removed shows that); a click jumps to it. */
function quote(message, context) {
  const original = context.original(message.replyTo);
  const q = message.quote ?? {};
  const who = q.senderId !== undefined ? context.senderName(q.senderId) : '';
  let line;
  if (original?.recalledAt || q.state === 'recalled') line = 'Message recalled';
  else if (original && (original.status === 'removed' || original.status === 'withdrawn')) line = 'Message removed by moderation';
  else if (q.state === 'removed' || q.state === 'withdrawn') line = 'Message removed by moderation';
  else if (q.state === 'held') line = 'Message pending review';
  else {
    const text = original?.text ?? q.text;
    const kind = original ? (original.media ? (original.media.kind === 'file' ? 'file' : 'photo') : 'text') : q.kind;
    if (kind === 'photo') line = text ? `Photo: ${text}` : 'Photo';
    else if (kind === 'file') line = `File: ${original?.media?.name ?? text ?? ''}`;
    else line = text ?? '';
  }
  return h('button', { type: 'button', class: 'quote', 'aria-label': `Reply to ${who}: ${line}. Show the message`,
    onclick: (event) => { event.stopPropagation(); context.jumpTo(message.replyTo); } },
    h('span', { class: 'quote-sender' }, who),
    h('span', { class: 'quote-text' }, line));
}

function body(message, mine, context) {
  if (message.recalledAt) return h('p', { class: 'recalled' }, mine ? 'You recalled this message.' : 'This message was recalled.');
  const takenDown = renderTakenDown(message);
  if (takenDown) return takenDown;
  const caption = message.text != null && h('p', { class: 'text' }, message.text);
  if (message.media?.kind === 'file') return [file(message, context), caption];
  if (message.media) return [image(message, mine, context), caption];
  return caption;
}

/** A file: its name and size, and Download (saved, never opened in the page). */
function file(message, context) {
  const name = message.media?.name ?? message.file?.name ?? 'file';
  const size = message.media?.size ?? message.file?.size;
  return h('div', { class: 'file-card' },
    h('span', { class: 'file-icon', 'aria-hidden': 'true' }, extension(name)),
    h('span', { class: 'file-info' },
      h('span', { class: 'file-name' }, name),
      size != null && h('span', { class: 'file-size' }, fileSize(size))),
    message.media?.id && h('button', { type: 'button', class: 'small download', 'aria-label': `Download ${name}`,
      onclick: (event) => { event.stopPropagation(); context.download(message); } }, 'Download'));
}

/** "PDF", "DOCX", "ZIP": what the file's name says it is, for its badge. */
function extension(name) {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= 5 ? name.slice(dot + 1).toUpperCase() : 'FILE';
}

/**
 * The image's box has its final size before a byte of it loads (from media.width/height), so
 * nothing below it moves when it arrives.
 */
function image(message, mine, context) {
  const { width, height } = message.media;
  const scale = Math.min(1, IMAGE_BOX.width / width, IMAGE_BOX.height / height);
  const box = h('div', { class: 'image-box' });
  box.style.width = `${Math.max(1, Math.round(width * scale))}px`;
  box.style.aspectRatio = `${width} / ${height}`;
  const img = h('img', { alt: mine ? 'Your photo' : `Photo from ${context.senderName(message.senderId)}`, width, height });
  const ready = message.previewUrl || (message.media.id && context.media.cached(message.media.id));
  if (ready) {
    img.src = ready;
  } else {
    context.media.load(message.media.id).then(
      (url) => { img.src = url; },
      () => box.replaceChildren(h('span', { class: 'image-missing' }, 'This image cannot be shown.')));
  }
  box.append(img);
  return box;
}

function status(message, state, context) {
  switch (state) {
    case 'sending':
      return h('span', { class: 'status' }, 'Sending…');
    case 'refused':
      return h('button', { type: 'button', class: 'small quiet', onclick: () => context.discard(message) }, 'Remove');
    default:
      return null;
  }
}

/** Why a send failed, in the server's words (or the browser's, offline), and what can be done. */
function failure(message, context) {
  return h('div', { class: 'send-failure', role: 'alert' },
    h('p', {}, h('strong', {}, 'Not sent. '), problemContent(message.problem)),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'small', onclick: () => context.retry(message) }, 'Retry'),
      h('button', { type: 'button', class: 'small quiet', onclick: () => context.discard(message) }, 'Discard')));
}
