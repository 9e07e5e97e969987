// The report's keys in words, and its numbers as people read them. The report's JSON uses the
// server's wire names (gambling, term_list, fully); these are what the page shows for them.

export const CATEGORIES = {
  spam: 'Spam', scam: 'Scams', phishing: 'Phishing', malware: 'Malware', gambling: 'Gambling ads',
  illegal_goods: 'Illegal goods', harassment: 'Harassment', adult: 'Adult content', other: 'Other',
  none: 'A moderator’s call (no particular rule)',
};

export const DETECTIONS = {
  term_list: 'Term list', regex: 'Regular expression', exact_hash: 'Exact image hash',
  pdq: 'Perceptual image hash (PDQ)', ocr: 'Text in an image (OCR)', user_report: 'A user’s report',
  moderator: 'A moderator',
};

export const AUTOMATION = {
  fully: 'Software alone', partially: 'Software, confirmed by a person', not: 'A person',
};

export const OUTCOMES = {
  refused: 'Refused before delivery', held: 'Held for review', withdrawn: 'Withdrawn after delivery',
  removed: 'Removed by a moderator', sanctioned: 'Account sanctioned by a moderator', modified: 'Sanction changed on appeal',
};

export const SANCTIONS = { warning: 'Warning', restriction: 'Restriction', suspension: 'Suspension', ban: 'Ban' };

export const APPEAL_OUTCOMES = { upheld: 'Upheld', reversed: 'Reversed', modified: 'Modified' };

const count = new Intl.NumberFormat(undefined);
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function number(n) {
  return count.format(n);
}

export function share(part, whole) {
  return whole === 0 ? '–' : percent.format(part / whole);
}

export function rate(r) {
  return percent.format(r);
}

/** A date of the report (YYYY-MM-DD, UTC) as 3 Mar 2026. */
export function date(isoDay) {
  return day.format(new Date(isoDay + 'T00:00:00Z'));
}

export function time(iso) {
  return moment.format(new Date(iso)) + ' UTC';
}

/** A median in seconds as 45 s, 12 min, 3 h 20 min or 2 d 4 h; "no cases" when there were none. */
export function duration(seconds) {
  if (seconds == null) return 'no cases';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
