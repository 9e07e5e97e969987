// The one place a person's name becomes words and their avatar a picture: the display name where
// there is one, isolated from the text around it (a right-to-left name cannot reorder a sentence),
// and the username beside it wherever two people could be taken for each other.
import { h } from './dom.js';

/** What to call someone: their display name, else their username; a deleted account is only that. */
export function nameOf(person) {
  if (person?.deleted) return 'Deleted account';
  return person?.displayName || person?.username || '';
}

/** Whether the name shown is not the username: then the username goes beside it where people are picked. */
function hasOwnName(person) {
  return !person?.deleted && Boolean(person?.displayName) && person.displayName !== person.username;
}

/** The name with @username beside it, for lists where one picks a person (contacts, requests, members, invites). */
export function personLabel(person) {
  return h('span', { class: 'person-label' },
    h('bdi', { class: 'display-name' }, nameOf(person)),
    hasOwnName(person) && h('span', { class: 'handle' }, `@${person.username}`));
}

/** The name as one line of text, with the username when {@code withHandle} (or always for someone unknown). */
export function nameText(person, withHandle) {
  return withHandle && hasOwnName(person) ? `${nameOf(person)} (@${person.username})` : nameOf(person);
}

/**
 * The people among {@code people} whose shown name another of them also has (ignoring case): in a
 * group where two are called "Alex", both get their username beside the name.
 */
export function sharedNames(people) {
  const counts = new Map();
  for (const p of people) {
    const key = nameOf(p).toLocaleLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set(people.filter((p) => counts.get(nameOf(p).toLocaleLowerCase()) > 1).map((p) => p.id));
}

/** A round avatar: the picture (fetched with the token) when there is one, else the name's first letter. */
export function avatar(person, media, size = 'small') {
  const initial = [...nameOf(person)][0]?.toLocaleUpperCase() ?? '?';
  const el = h('span', { class: `avatar ${size}`, 'aria-hidden': 'true' }, initial);
  if (person?.avatarId && media) {
    media.load(person.avatarId).then((url) => el.replaceChildren(h('img', { src: url, alt: '' }))).catch(() => {});
  }
  return el;
}
