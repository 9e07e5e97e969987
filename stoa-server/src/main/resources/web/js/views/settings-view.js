// Settings: moving to a new account, on both accounts. Nothing here is ever greyed out: whatever
// sanction an account is under, it can still tell its contacts where it went.
import { h } from '../dom.js';
import { MoveSettings } from './move-settings.js';

export class SettingsView {
  constructor(client) {
    this.move = new MoveSettings(client);
    this.el = h('section', { class: 'panel settings', 'aria-labelledby': 'settings-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'settings-heading' }, 'Settings')),
      this.move.el);
  }

  /** Loads what the sections show each time the panel is shown, so counts are current. */
  show() {
    this.move.show();
  }

  destroy() {
    this.move.destroy();
  }
}
