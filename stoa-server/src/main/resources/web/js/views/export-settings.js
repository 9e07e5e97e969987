// Settings, "Your data": asks for an archive of everything of the account's, shows it being prepared
// and downloaded, and saves it. It works in every sanction state: nothing here is ever greyed out,
// because a sanction never takes one's own data away.
import { h } from '../dom.js';
import { saveFile } from '../exports.js';
import { longTime } from '../format.js';
import { renderProblem } from '../problem.js';

const POLL_MS = [1000, 1000, 2000, 2000, 3000];

export class DataExportSettings {
  constructor(client) {
    this.exports = client.exports;
    this.shown = false;
    this.polling = null;
    this.pollCount = 0;
    this.downloading = false;
    this.button = h('button', { type: 'button', class: 'primary', onclick: () => this.downloadMyData() }, 'Download my data');
    this.progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-labelledby': 'export-status' });
    this.status = h('p', { id: 'export-status', class: 'export-status', role: 'status' });
    this.details = h('p', { class: 'muted export-details' });
    this.errors = h('div', { class: 'errors' });
    this.el = h('div', { class: 'people-section' },
        h('h3', {}, 'Your data'),
        h('p', {}, 'Download an archive of everything of yours on Stoa: your account, your contacts (also as a vCard file for'
          + ' address books), your groups, every conversation with its images, and every moderation decision, sanction,'
          + ' appeal and report of yours. It works whatever the state of your account.'),
        h('p', { class: 'muted' }, 'Open index.html in the archive to read it in any browser, offline. The server signs the'
          + ' archive: stoa export verify checks that no byte of it has changed. You can ask for one archive a day;'
          + ' each is kept for 7 days.'),
        h('div', { class: 'export' }, this.button, this.progress, this.status, this.details),
        this.errors);
  }

  /** The latest export loads when the panel is first shown, and keeps following one being prepared. */
  show() {
    if (this.shown) return;
    this.shown = true;
    this.exports.list().then((list) => {
      this.latest = list[0];
      this.render();
      if (this.latest?.status === 'preparing') this.follow(this.latest.id, false);
    }).catch((problem) => this.errors.replaceChildren(renderProblem(problem)));
  }

  async downloadMyData() {
    this.errors.replaceChildren();
    try {
      this.latest = this.latest?.status === 'ready' ? this.latest : await this.exports.request();
      this.render();
      if (this.latest.status === 'ready') await this.download();
      else this.follow(this.latest.id, true);
    } catch (problem) {
      this.errors.replaceChildren(renderProblem(problem));
    }
  }

  /** Asks how the export is doing until it is no longer being prepared; then downloads it if asked to. */
  follow(id, thenDownload) {
    clearTimeout(this.polling);
    this.pollCount = 0;
    const poll = async () => {
      try {
        this.latest = await this.exports.get(id);
      } catch (problem) {
        if (!problem.transient) {
          this.errors.replaceChildren(renderProblem(problem));
          return;
        }
      }
      this.render();
      if (this.latest.status === 'preparing') {
        this.polling = setTimeout(poll, POLL_MS[Math.min(this.pollCount++, POLL_MS.length - 1)]);
      } else if (this.latest.status === 'ready' && thenDownload) {
        await this.download();
      }
    };
    this.polling = setTimeout(poll, POLL_MS[0]);
  }

  async download() {
    if (this.downloading) return;
    this.downloading = true;
    this.render();
    try {
      const { blob, filename } = await this.exports.download(this.latest, (received, total) => {
        const percent = total ? Math.floor((received * 100) / total) : 0;
        this.showProgress(percent, `Downloading your archive… ${formatBytes(received)} of ${formatBytes(total)}`);
      });
      saveFile(blob, filename);
      this.saved = filename;
    } catch (problem) {
      this.errors.replaceChildren(renderProblem(problem));
    } finally {
      this.downloading = false;
      this.render();
    }
  }

  render() {
    const e = this.latest;
    if (this.downloading) return; // the download's own progress is showing
    this.button.textContent = e?.status === 'ready' ? 'Download again' : 'Download my data';
    this.button.disabled = e?.status === 'preparing';
    this.details.replaceChildren();
    if (!e || e.status === 'expired') {
      this.hideProgress(e ? `Your last archive was deleted on ${longTime(e.expiresAt)}, 7 days after it was ready.` : '');
    } else if (e.status === 'preparing') {
      this.showProgress(e.progress ?? 0, `Preparing your archive… ${e.progress ?? 0}%`);
    } else if (e.status === 'failed') {
      this.hideProgress(`Your last archive could not be prepared: ${e.failure}`);
    } else {
      this.hideProgress(this.saved ? `Saved as ${this.saved}.` : 'Your archive is ready.');
      this.details.append(`${formatBytes(e.size)}, kept until ${longTime(e.expiresAt)}. SHA-256: `,
        h('code', { class: 'sha' }, e.sha256));
    }
  }

  showProgress(percent, text) {
    this.progress.hidden = false;
    this.progress.value = percent;
    this.status.textContent = text;
  }

  hideProgress(text) {
    this.progress.hidden = true;
    this.status.textContent = text;
  }

  destroy() {
    clearTimeout(this.polling);
  }
}

function formatBytes(n) {
  if (!n) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB'];
  const i = Math.min(units.length - 1, Math.floor(Math.log(n) / Math.log(1024)));
  return `${(n / 1024 ** i).toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
