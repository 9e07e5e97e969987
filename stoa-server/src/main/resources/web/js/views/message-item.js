// One message in a chat: who wrote it, what it says (text, an image, or that it was recalled or
// taken down), when, how its sending went, what moderation did to it, and a way to report it.
import { h } from '../dom.js';
import { longTime, shortTime } from '../format.js';
import { renderModeration, renderTakenDown } from '../moderation.js';
import { problemContent } from '../problem.js';

export const RECALL_WINDOW_MS = 2 * 60 * 1000;
const IMAGE_BOX = { width: 280, height: 320 };

/** What the list shows about a message's life, also as data-state for styles and tests. */
export function messageState(message) {
  if (message.delivery) return message.delivery; // sending, failed, refused: known only here
  if (message.recalledAt) return 'recalled';
  return message.status; // delivered, held, withdrawn, removed
}

/**
 * @param context {myId, showSender, senderName(id), media, recall(m), retry(m), discard(m), report(m),
 *                decision(id) -> Promise of a decision about me}
 */
export function renderMessage(message, context) {
  const mine = message.senderId === context.myId;
  const state = messageState(message);
  return h('li', { class: `message ${mine ? 'mine' : 'theirs'}`, 'data-state': state },
    context.showSender && !mine && h('span', { class: 'sender' }, context.senderName(message.senderId)),
    h('div', { class: 'bubble' }, body(message, mine, context)),
    h('div', { class: 'meta' },
      h('time', { datetime: message.createdAt, title: longTime(message.createdAt) }, shortTime(message.createdAt)),
      status(message, state, context),
      mine ? recallButton(message, state, context) : reportButton(message, state, context)),
    state === 'failed' && failure(message, context),
    renderModeration(message, { mine, decision: context.decision }));
}

function body(message, mine, context) {
  if (message.recalledAt) return h('p', { class: 'recalled' }, mine ? 'You recalled this message.' : 'This message was recalled.');
  const takenDown = renderTakenDown(message);
  if (takenDown) return takenDown;
  if (message.media) return image(message, mine, context);
  return h('p', { class: 'text' }, message.text);
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

/** Offered for two minutes after sending; the chat view takes it away when the time is up. */
function recallButton(message, state, context) {
  const until = Date.parse(message.createdAt) + RECALL_WINDOW_MS;
  if (state !== 'delivered' || Date.now() >= until) return null;
  return h('button', { type: 'button', class: 'small quiet recall', 'data-recall-until': String(until),
    onclick: () => context.recall(message) }, 'Recall');
}

/** Someone else's delivered message can be reported to the moderators. */
function reportButton(message, state, context) {
  if (state !== 'delivered') return null;
  return h('button', { type: 'button', class: 'small quiet report', 'aria-label': 'Report this message',
    onclick: () => context.report(message) }, 'Report');
}
