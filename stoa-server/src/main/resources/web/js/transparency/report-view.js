// A transparency report, drawn: the figures at a glance, then a section per question with its chart
// and the numbers behind it in a table.
import { h } from '../dom.js';
import { horizontalBars, legend, stackedBars } from './charts.js';
import {
  APPEAL_OUTCOMES, AUTOMATION, CATEGORIES, DETECTIONS, OUTCOMES, SANCTIONS, date, duration, number, rate, share, time,
} from './words.js';

function tile(label, figure, detail) {
  return h('div', { class: 'tile' }, h('p', { class: 'label' }, label), h('p', { class: 'figure' }, figure),
    h('p', { class: 'detail' }, detail));
}

/** A two-column table: {@code rows} of [words, count]. */
function table(caption, rows) {
  return h('table', { class: 'figures' }, h('caption', {}, caption),
    h('tbody', {}, rows.map(([words, n]) => h('tr', {}, h('th', { scope: 'row' }, words), h('td', { class: 'n' }, n)))));
}

function section(id, heading, intro, ...content) {
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, heading), h('p', {}, intro), content);
}

function glance(r) {
  const d = r.decisions;
  const a = r.appeals;
  return h('div', { class: 'tiles' },
    tile('Decisions', number(d.total), `${share(d.automatedDetection, d.total)} found by software, `
      + `${share(d.byAutomation.fully, d.total)} decided by software alone`),
    tile('Reports', number(r.reports.received), `${number(r.reports.actedOn)} acted on, median time to act `
      + duration(r.reports.medianSecondsToAct)),
    tile('Held for review', number(r.heldMessages.held), `median wait ${duration(r.heldMessages.medianWaitSeconds)}, `
      + `${number(r.heldMessages.waiting)} still waiting`),
    tile('Appeals', number(a.filed), `${number(a.decided)} decided, ${share(a.reversed, a.decided)} reversed, `
      + `median time to decide ${duration(a.medianSecondsToDecide)}`));
}

function overTime(r) {
  const d = r.decisions;
  const keys = Object.keys(d.byCategory);
  const categories = keys.map((key, i) => ({ key, label: CATEGORIES[key] ?? key, className: `s${i % 10}` }))
    .filter((s) => d.byCategory[s.key] > 0);
  const chart = stackedBars({
    days: d.byDay, series: categories, valueOf: (day, key) => day.byCategory[key] ?? 0,
    title: 'Decisions over time, by category',
    description: `${d.total} decisions from ${r.from} to ${r.to}, per day, stacked by the category of the rule broken.`,
  });
  return section('over-time', 'Decisions over time, by category',
    'Every decision that refused, held, withdrew or removed a message, or sanctioned an account, on the day it was taken (UTC).',
    chart, legend(categories),
    h('div', { class: 'two' },
      table('By category', keys.map((k) => [CATEGORIES[k] ?? k, number(d.byCategory[k])])),
      table('By outcome', Object.keys(d.byOutcome).map((k) => [OUTCOMES[k] ?? k, number(d.byOutcome[k])]))));
}

function automation(r) {
  const d = r.decisions;
  const levels = Object.keys(AUTOMATION).map((key) => ({ key, label: AUTOMATION[key], className: key }));
  const chart = stackedBars({
    days: d.byDay, series: levels, valueOf: (day, key) => day.byAutomation[key] ?? 0,
    title: 'Automated or human',
    description: `Per day: decisions taken by software alone (${d.byAutomation.fully}), by a person confirming `
      + `software's flag (${d.byAutomation.partially}), and by a person alone (${d.byAutomation.not}).`,
  });
  return section('automation', 'Automated or human',
    'Who decided: software applying the policy with no person, a moderator confirming what software flagged, or a moderator alone. '
      + 'And how the content came to light.',
    chart, legend(levels),
    h('div', { class: 'two' },
      table('Decided by', levels.map((l) => [l.label, `${number(d.byAutomation[l.key])} (${share(d.byAutomation[l.key], d.total)})`])),
      table('How it was found', Object.keys(d.byDetection).map((k) => [DETECTIONS[k] ?? k, number(d.byDetection[k])]))));
}

function sanctions(r) {
  const s = r.sanctions;
  const rows = s.byKindAndLength.map((k) => [`${SANCTIONS[k.kind] ?? k.kind}, ${k.length === 'none' ? 'takes nothing away'
    : k.length === 'permanent' ? 'permanent' : k.length}`, number(k.count)]);
  return section('sanctions', 'Sanctions',
    'What the decisions imposed on accounts, by kind and length. A warning takes nothing away; every other sanction but a ban ends by itself.',
    h('div', { class: 'two' },
      table('By kind', Object.keys(s.byKind).map((k) => [SANCTIONS[k] ?? k, number(s.byKind[k])])),
      table('By kind and length', rows.length ? rows : [['None', '0']])));
}

function reportsAndHolds(r) {
  const p = r.reports;
  const held = r.heldMessages;
  return section('reports', 'Reports and held messages',
    'Reports people filed, and messages held until a moderator looked at them.',
    h('div', { class: 'two' },
      table('Reports', [['Received', number(p.received)], ['Acted on', number(p.actedOn)], ['Found unfounded', number(p.dismissed)],
        ['Median time to act', duration(p.medianSecondsToAct)]]),
      table('Held messages', [['Held', number(held.held)], ['Released', number(held.released)], ['Removed', number(held.removed)],
        ['Still waiting', number(held.waiting)], ['Median wait', duration(held.medianWaitSeconds)]])));
}

function appeals(r) {
  const a = r.appeals;
  const outcomes = Object.keys(APPEAL_OUTCOMES).map((key) => ({
    key, label: APPEAL_OUTCOMES[key], value: a[key], className: key, text: `${number(a[key])} (${share(a[key], a.decided)})`,
  }));
  return section('appeals', 'Appeals',
    `${number(a.filed)} appeals filed; ${number(a.decided)} decided, each by someone who took no part in the decision, `
      + `in a median of ${duration(a.medianSecondsToDecide)}.`,
    horizontalBars({
      items: outcomes, max: Math.max(1, a.decided), title: 'Appeal outcomes',
      description: `Of ${a.decided} appeals decided: ${a.upheld} upheld, ${a.reversed} reversed, ${a.modified} modified.`,
    }));
}

function reversalRates(r) {
  const rules = r.appeals.byRule;
  const content = rules.length === 0 ? h('p', { class: 'empty' }, 'No appeal of a rule’s decision was decided in this period.')
    : horizontalBars({
      items: rules.map((rule) => ({
        key: rule.ruleId, label: `${rule.ruleTitle ?? rule.ruleId} (${rule.ruleId})`, value: rule.reversalRate, className: 'rate',
        text: `${rate(rule.reversalRate)} of ${number(rule.decided)}`,
      })),
      max: 1, title: 'Reversal rate per rule',
      description: rules.map((rule) => `${rule.ruleId}: ${rule.reversed} of ${rule.decided} appeals reversed`).join('; '),
    });
  return section('reversal-rates', 'Reversal rate per rule',
    'Of the appeals decided against each rule’s decisions, the share that reversed them: the best evidence of how often a rule gets it wrong.',
    content);
}

function policies(r) {
  return section('policies', 'Policy versions in force',
    'The rules these decisions applied: each version of the server’s policy and when it was in force.',
    h('ul', {}, r.policyVersions.map((p) => h('li', {}, h('code', {}, p.version), ` from ${time(p.from)}`,
      p.until ? ` until ${time(p.until)}` : ', still in force'))));
}

export function renderReport(r) {
  return h('div', { class: 'report', 'data-from': r.from, 'data-to': r.to },
    h('p', { class: 'muted' }, `${date(r.from)} to ${date(r.to)} (UTC), as of ${time(r.generatedAt)}.`),
    glance(r), overTime(r), automation(r), sanctions(r), reportsAndHolds(r), appeals(r), reversalRates(r), policies(r));
}
