// The logged-in layout: a top bar (connection state, who is logged in, the moderation console for
// moderators, log out), the sanction banner while a sanction is in force or a warning is unread, a
// sidebar with Chats, Discover (the directory), Contacts, Safety and Settings, and the main pane (the open chat, or a decision
// with what can be done about it). On a desktop the sidebar and the main pane sit side by side; on a
// phone one of them fills the screen (data-pane says which) and the back button moves between them.
import { OUTCOME_WORDS } from '../appeal.js';
import { h } from '../dom.js';
import { avatar, nameOf } from '../people.js';
import { problemText } from '../problem.js';
import { goToChat, parseRoute } from '../router.js';
import { AppealPanel } from './appeal-panel.js';
import { ChannelPage } from './channel-page.js';
import { ChannelsView } from './channels-view.js';
import { ChatView } from './chat-view.js';
import { ContactsView } from './contacts-view.js';
import { ConversationList } from './conversation-list.js';
import { DecisionPage } from './decision-page.js';
import { DiscoverView } from './discover-view.js';
import { InvitePage } from './invite-page.js';
import { SafetyView } from './safety-view.js';
import { SanctionBanner } from './sanction-banner.js';
import { SettingsView } from './settings-view.js';

const CONNECTION_TEXT = { connecting: 'Connecting…', reconnecting: 'Reconnecting…', live: '' };

export class Shell {
  constructor(client, { notify, onLogOut }) {
    this.client = client;
    this.notify = notify;
    this.chat = null;
    this.decision = null;
    this.mainKey = undefined;

    this.connection = h('p', { class: 'connection', role: 'status' });
    this.requestsBadge = h('span', { class: 'badge', hidden: true });
    this.chatsTab = h('a', { href: '#/chats' }, 'Chats');
    this.discoverTab = h('a', { href: '#/discover' }, 'Discover');
    this.contactsTab = h('a', { href: '#/contacts' }, 'Contacts', this.requestsBadge);
    this.safetyTab = h('a', { href: '#/safety' }, 'Safety');
    this.settingsTab = h('a', { href: '#/settings' }, 'Settings');
    this.channelsTab = h('a', { href: '#/channels' }, 'Channels');
    this.consoleLink = h('a', { href: '/admin', class: 'console-link', hidden: true }, 'Moderation');
    this.banner = new SanctionBanner(client.store, {
      acknowledge: (decisionId) => client.acknowledgeWarning(decisionId).catch((problem) => notify(problemText(problem))),
    });
    this.sidebarBody = h('div', { class: 'sidebar-body' });
    this.placeholder = h('div', { class: 'placeholder' }, h('p', {}, 'Pick a conversation, or start one from Contacts.'));
    this.main = h('main', { class: 'main' });
    this.me = h('bdi', { class: 'me' }, client.store.me.username);
    this.meAvatar = h('span', { class: 'me-avatar' });
    this.el = h('div', { class: 'shell' },
      h('header', { class: 'topbar' },
        h('span', { class: 'brand' }, 'Stoa'),
        this.connection,
        h('span', { class: 'me-box' }, this.meAvatar, this.me),
        this.consoleLink,
        h('button', { type: 'button', class: 'quiet', onclick: onLogOut }, 'Log out')),
      this.banner.el,
      h('div', { class: 'sidebar' },
        h('nav', { class: 'tabs', 'aria-label': 'Sections' }, this.chatsTab, this.discoverTab, this.contactsTab, this.channelsTab,
          this.safetyTab, this.settingsTab),
        this.sidebarBody),
      this.main);

    this.conversations = new ConversationList(client);
    this.discover = new DiscoverView(client, { notify, openChat: goToChat });
    this.contacts = new ContactsView(client, { notify, openChat: goToChat });
    this.safety = new SafetyView(client);
    this.settings = new SettingsView(client);
    this.channels = new ChannelsView(client);
    this.unsubscribe = client.store.subscribe((topic, data) => {
      if (topic === 'connection') this.renderConnection();
      if (topic === 'contacts') this.renderRequestsBadge();
      if (topic === 'conversations') this.renderTitle();
      if (topic === 'account') this.consoleLink.hidden = !client.store.isModerator;
      if (topic === 'profile') this.renderMe();
      if (topic === 'report.resolved') notify(`A report of yours was resolved: ${data.outcome}.`);
      if (topic === 'appeal.decided') notify(`Your appeal of decision ${data.decisionId} was decided: ${OUTCOME_WORDS[data.outcome].toLowerCase()}.`);
    });
    // Choosing the chat that is already open changes no address, so no route: go to its composer.
    this.sidebarBody.addEventListener('click', (event) => {
      const link = event.target.closest('a.conversation');
      if (link && link.hash === location.hash) this.chat?.focus();
    });
    this.onHashChange = () => this.route();
    window.addEventListener('hashchange', this.onHashChange);
    this.renderConnection();
    this.renderMe();
    this.route();
  }

  route() {
    const { tab, conversationId, decisionId, inviteCode, seq, channelId, postId } = parseRoute(location.hash);
    const sidebar = { chats: this.conversations, discover: this.discover, contacts: this.contacts, safety: this.safety,
      settings: this.settings, channels: this.channels }[tab];
    const shown = this.sidebarBody.firstChild === sidebar.el;
    if (!shown) this.sidebarBody.replaceChildren(sidebar.el);
    if (tab === 'discover' && !shown) this.discover.show();
    if (tab === 'safety') this.safety.show();
    if (tab === 'settings') this.settings.show();
    if (tab === 'channels') this.channels.show();
    setCurrent(this.channelsTab, tab === 'channels');
    setCurrent(this.chatsTab, tab === 'chats');
    setCurrent(this.discoverTab, tab === 'discover');
    setCurrent(this.contactsTab, tab === 'contacts');
    setCurrent(this.safetyTab, tab === 'safety');
    setCurrent(this.settingsTab, tab === 'settings');
    this.conversations.select(conversationId);
    this.el.dataset.pane = conversationId || decisionId || inviteCode || channelId ? 'chat' : 'list';

    const key = conversationId ? `chat:${conversationId}` : decisionId ? `decision:${decisionId}`
      : inviteCode ? `invite:${inviteCode}` : channelId ? `channel:${channelId}` : null;
    if (key === this.mainKey) {
      if (seq != null) this.chat?.showMessage(seq);
      if (postId != null) this.channelPage?.showPost(postId);
      return;
    }
    this.mainKey = key;
    this.chat?.destroy();
    this.decision?.destroy();
    this.channelPage?.destroy();
    this.channelPage = channelId ? new ChannelPage(this.client, channelId, { notify: this.notify, postId }) : null;
    this.invite = inviteCode ? new InvitePage(this.client, inviteCode, { notify: this.notify }) : null;
    this.chat = conversationId ? new ChatView(this.client, conversationId, { notify: this.notify }) : null;
    if (seq != null) this.chat?.showMessage(seq);
    this.decision = decisionId ? new DecisionPage(() => this.client.decision(decisionId), {
      fallback: '#/safety',
      media: this.client.media,
      redress: (d) => new AppealPanel(this.client, d, { notify: this.notify }),
    }) : null;
    this.main.replaceChildren(this.chat?.el ?? this.decision?.el ?? this.invite?.el ?? this.channelPage?.el ?? this.placeholder);
    this.chat?.focus();
  }

  /** Who is logged in: my avatar and the name others see. */
  renderMe() {
    const me = { ...this.client.store.me, ...this.client.store.profile };
    this.me.textContent = nameOf(me);
    this.meAvatar.replaceChildren(avatar(me, this.client.media));
  }

  renderConnection() {
    const status = this.client.store.connection;
    this.connection.dataset.status = status;
    this.connection.textContent = CONNECTION_TEXT[status];
  }

  /** The unread count in the tab's title, for a chat left open in a background tab. */
  renderTitle() {
    const unread = this.client.store.totalUnread();
    document.title = unread ? `(${unread}) Stoa` : 'Stoa';
  }

  /** Requests to answer and move cards from contacts who moved: what waits in Contacts. */
  renderRequestsBadge() {
    const count = this.client.store.incomingRequests().length + this.client.store.moveCards.size;
    this.requestsBadge.hidden = count === 0;
    this.requestsBadge.textContent = String(count);
    this.requestsBadge.setAttribute('aria-label', `${count} waiting for you`);
  }

  destroy() {
    window.removeEventListener('hashchange', this.onHashChange);
    document.title = 'Stoa';
    this.unsubscribe();
    this.chat?.destroy();
    this.decision?.destroy();
    this.banner.destroy();
    this.conversations.destroy();
    this.discover.destroy();
    this.contacts.destroy();
    this.safety.destroy();
    this.settings.destroy();
    this.channels.destroy();
    this.channelPage?.destroy();
  }
}

function setCurrent(link, current) {
  if (current) link.setAttribute('aria-current', 'page');
  else link.removeAttribute('aria-current');
}
