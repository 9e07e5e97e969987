// Where the console is, in the URL's fragment: #/queue, #/appeals, #/accounts/NAME, #/banks/NAME, #/policy,
// #/audit?actor=NAME&rule=ID..., #/decisions/ID, #/channels?q=..., #/channels/ID. Filters live in the address, so a filtered audit
// log can be reloaded, bookmarked and passed to another moderator.

/** {section, param, query}: section is one of queue, appeals, accounts, banks, policy, audit, decisions. */
export function parseConsoleRoute(hash) {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [section, ...rest] = path.split('/');
  const known = ['queue', 'appeals', 'accounts', 'channels', 'banks', 'policy', 'audit', 'decisions'];
  return {
    section: known.includes(section) ? section : 'queue',
    param: rest.length ? decodeURIComponent(rest.join('/')) : null,
    query: new URLSearchParams(search),
  };
}

/** '#/audit?actor=alice' from a section and a filter object (empty values left out). */
export function consoleHref(section, param = null, query = {}) {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null)).toString();
  return `#/${section}${param != null ? '/' + encodeURIComponent(param) : ''}${search ? '?' + search : ''}`;
}
