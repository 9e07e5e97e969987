// Words and numbers shown to people: names of conversations, previews, times.
import { nameOf } from './people.js';

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function conversationName(summary) {
  if (summary.type === 'direct') return summary.peer ? nameOf(summary.peer) : 'Direct chat';
  return summary.title || `Group of ${summary.memberCount}`;
}

/** The last message in a line: whose, and what (the text, a photo, or that it was recalled or taken down). */
export function preview(message, myId) {
  if (!message) return 'No messages yet';
  const who = message.senderId === myId ? 'You: ' : '';
  if (message.recalledAt) return who + 'message recalled';
  if (message.status === 'removed' || message.status === 'withdrawn') return who + 'message removed by moderation';
  if (message.media?.kind === 'file') return who + `File: ${message.media.name}`;
  if (message.media) return who + (message.text ? `Photo: ${message.text}` : 'Photo');
  return who + message.text;
}

const sizeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** 532 bytes, 14.2 KB, 3.1 MB. */
export function fileSize(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} KB`;
  return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
}

/** Today's times as 14:05, older ones as 3 Mar. */
export function shortTime(iso) {
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString() ? timeOfDay.format(date) : dayAndMonth.format(date);
}

export function longTime(iso) {
  return full.format(new Date(iso));
}
