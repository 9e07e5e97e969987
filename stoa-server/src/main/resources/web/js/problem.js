// The one place that turns an API problem (RFC 9457, application/problem+json) into something a
// person can act on. The server writes each problem's `detail` for people, so it is shown as the
// message; a restriction (403 account_restricted) is told from its sanction, with its scope and its
// end in the reader's own time, and a problem that names a decision links to it.
import { decisionLink } from './decision.js';
import { h } from './dom.js';
import { sanctionSentence } from './sanctions.js';

/** A failed request: the server's problem document, or a stand-in when there was no answer. */
export class Problem extends Error {
  constructor(fields) {
    super(fields.detail);
    Object.assign(this, fields);
  }

  /** Worth retrying unchanged: no answer, a restart, an overload, a server fault. */
  get transient() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }

  static async fromResponse(response) {
    let body = null;
    if ((response.headers.get('Content-Type') || '').includes('json')) {
      try {
        body = await response.json();
      } catch {
        body = null;
      }
    }
    return new Problem({
      status: response.status,
      code: 'http_' + response.status,
      title: response.statusText || 'Request failed',
      detail: `the server answered ${response.status}; try again in a moment`,
      ...body,
    });
  }

  static offline() {
    return new Problem({
      status: 0,
      code: 'offline',
      title: 'Offline',
      detail: 'Stoa cannot be reached; check your connection and try again',
    });
  }
}

/** The problem as a sentence: its detail, capitalized and ending in a full stop. */
export function problemText(problem) {
  if (problem.code === 'account_restricted' && problem.sanction) {
    return `${sanctionSentence(problem.sanction)} You can still read your conversations.`;
  }
  const detail = String(problem.detail || problem.message || 'something went wrong; try again').trim();
  const sentence = detail.charAt(0).toUpperCase() + detail.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : sentence + '.';
}

/** The problem's sentence, and a link to the decision behind it when it names one. */
export function problemContent(problem) {
  const decisionId = problem.decisionId ?? problem.sanction?.decisionId;
  return [problemText(problem), decisionId != null && [' ', decisionLink(decisionId, 'Why?')]];
}

/** An inline error for a form or a dialog, announced to screen readers. */
export function renderProblem(problem) {
  return h('p', { class: 'problem', role: 'alert' }, problemContent(problem));
}
