// Usernames for the account ids the moderation API returns (queue reporters, audit actors): each
// looked up once per console session, shown as a link to the account's page.
import { h } from '../dom.js';

export class AccountNames {
  constructor(api) {
    this.api = api;
    this.names = new Map(); // id -> Promise of the username
  }

  /** Remembers a name the API already gave (the queue names each item's account). */
  know(accountId, username) {
    if (!this.names.has(accountId)) this.names.set(accountId, Promise.resolve(username));
  }

  name(accountId) {
    if (!this.names.has(accountId)) {
      const lookup = this.api.get(`/moderation/accounts/${accountId}`).then((review) => review.account.username);
      lookup.catch(() => this.names.delete(accountId));
      this.names.set(accountId, lookup);
    }
    return this.names.get(accountId);
  }

  /** A link to the account's page, showing its id until the name is known. */
  link(accountId) {
    const link = h('a', { href: '#/accounts', class: 'account-link' }, `account ${accountId}`);
    this.name(accountId).then((username) => {
      link.textContent = username;
      link.href = accountHref(username);
    }, () => {}); // the id stays readable; the account page says what is wrong
    return link;
  }
}

export function accountHref(username) {
  return `#/accounts/${encodeURIComponent(username)}`;
}
