// Entry point of the public transparency page at /transparency: a period (from the address, else
// the last 30 days), the report for it from the API, drawn as charts. Where the operator keeps the
// report to moderators, the chat's login (same browser) is used when there is one.
import { Api } from '../api.js';
import { h } from '../dom.js';
import { renderProblem } from '../problem.js';
import { loadSession } from '../session.js';
import { renderReport } from './report-view.js';

const app = document.getElementById('app');
const api = new Api(loadSession()?.token);

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

function initialPeriod() {
  const params = new URLSearchParams(location.search);
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 29 * 86_400_000);
  return { from: params.get('from') || isoDay(monthAgo), to: params.get('to') || isoDay(today) };
}

function query({ from, to }) {
  return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

function periodForm(period, onShow) {
  const from = h('input', { type: 'date', id: 'period-from', name: 'from', value: period.from, required: true });
  const to = h('input', { type: 'date', id: 'period-to', name: 'to', value: period.to, required: true });
  const csv = h('a', { class: 'button', href: `/api/v1/transparency/report?${query(period)}&format=csv` }, 'Download CSV');
  const json = h('a', { href: `/api/v1/transparency/report?${query(period)}` }, 'JSON');
  const form = h('form', { class: 'period', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'period-from' }, 'From'), from),
    h('div', { class: 'field' }, h('label', { for: 'period-to' }, 'To'), to),
    h('button', { type: 'submit', class: 'primary' }, 'Show'),
    h('p', { class: 'downloads' }, csv, json));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onShow({ from: from.value, to: to.value });
  });
  return form;
}

async function show(period) {
  history.replaceState(null, '', `${location.pathname}?${query(period)}`);
  const body = h('div', { class: 'report-body', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'notice' }, 'Loading…'));
  app.replaceChildren(periodForm(period, show), body);
  try {
    const report = await api.get(`/transparency/report?${query(period)}`);
    body.replaceChildren(renderReport(report));
  } catch (problem) {
    const notForEveryone = problem.status === 401 || problem.code === 'not_allowed';
    body.replaceChildren(notForEveryone
      ? h('p', { class: 'notice', role: 'alert' }, 'This server shows its transparency report to its moderators and admins only. ',
        h('a', { href: '/' }, 'Log in'), ' with such an account, then come back.')
      : renderProblem(problem));
  } finally {
    body.removeAttribute('aria-busy');
  }
}

show(initialPeriod());
