// Settings: my profile, password and logins, taking one's data along, moving to a new account and
// deleting the account. Nothing here is ever greyed out:
// whatever sanction an account is under, it can still take its data and tell its contacts where it went.
import { h } from '../dom.js';
import { DeleteSettings } from './delete-settings.js';
import { DataExportSettings } from './export-settings.js';
import { MoveSettings } from './move-settings.js';
import { ProfileSettings } from './profile-settings.js';
import { SecuritySettings } from './security-settings.js';

export class SettingsView {
  constructor(client) {
    this.profile = new ProfileSettings(client);
    this.security = new SecuritySettings(client);
    this.dataExport = new DataExportSettings(client);
    this.move = new MoveSettings(client);
    this.deletion = new DeleteSettings(client, { downloadData: () => {
      this.dataExport.el.scrollIntoView({ block: 'start' });
      this.dataExport.downloadMyData();
    } });
    this.el = h('section', { class: 'panel settings', 'aria-labelledby': 'settings-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'settings-heading' }, 'Settings')),
      this.profile.el,
      this.security.el,
      this.dataExport.el,
      this.move.el,
      this.deletion.el);
  }

  /** Loads what the sections show when the panel is shown. */
  show() {
    this.profile.show();
    this.security.show();
    this.dataExport.show();
    this.move.show();
  }

  destroy() {
    this.profile.destroy();
    this.security.destroy();
    this.dataExport.destroy();
    this.move.destroy();
    this.deletion.destroy();
  }
}
