// What the timeline shows between messages: a separator at the start of each day (Today, Yesterday,
// a date) and a line above the first message that was unread when the chat opened.
import { h } from '../dom.js';
import { dayKey, dayLabel } from '../format.js';

/** Marks are items of the list too; the same mark is the same object, so the list keeps its row. */
export class TimelineMarks {
  constructor() {
    this.days = new Map();
    this.unread = { mark: 'unread', key: 'mark:unread' };
  }

  /**
   * The messages with a day mark before the first of each day, and the unread mark before
   * {@code firstUnreadSeq} (null: none).
   */
  interleave(messages, firstUnreadSeq) {
    const items = [];
    let day = null;
    for (const m of messages) {
      const key = dayKey(m.createdAt);
      if (key !== day) {
        day = key;
        items.push(this.dayMark(key, m.createdAt));
      }
      if (firstUnreadSeq != null && m.seq === firstUnreadSeq) items.push(this.unread);
      items.push(m);
    }
    return items;
  }

  dayMark(key, iso) {
    const label = dayLabel(iso);
    let mark = this.days.get(key);
    // "Today" becomes "Yesterday" after midnight: a new object, so the row is drawn again.
    if (!mark || mark.label !== label) this.days.set(key, mark = { mark: 'day', key: `mark:day:${key}`, label });
    return mark;
  }
}

export function isMark(item) {
  return item.mark !== undefined;
}

export function renderMark(item) {
  if (item.mark === 'unread') {
    return h('li', { class: 'timeline-mark unread-mark', id: 'first-unread' }, h('span', {}, 'Unread messages'));
  }
  return h('li', { class: 'timeline-mark day-mark' }, h('span', { role: 'heading', 'aria-level': '3' }, item.label));
}
