// Settings, "Your profile": the display name others see instead of the username (any script), a
// short bio and a picture, cropped square here before it is uploaded. The server reviews what is
// new like a message; a refusal shows the rule and links to the decision, which can be appealed.
import { h } from '../dom.js';
import { avatar, nameOf } from '../people.js';
import { attempt, field } from './forms.js';

/** Avatars are stored at most this many pixels a side. */
const AVATAR_PX = 512;

export class ProfileSettings {
  constructor(client) {
    this.client = client;
    this.picture = null; // a cropped Blob waiting for Save, or 'remove'
    this.preview = h('div', { class: 'avatar-preview' });
    this.displayName = h('input', { name: 'displayName', autocomplete: 'nickname', spellcheck: 'false' });
    this.bio = h('textarea', { name: 'bio', rows: 3, maxlength: 300 });
    this.file = h('input', { type: 'file', accept: 'image/png,image/jpeg,image/webp,image/gif', class: 'visually-hidden', id: 'avatar-file' });
    this.file.addEventListener('change', () => this.choose(this.file.files[0]));
    const choose = h('label', { for: 'avatar-file', class: 'button' }, 'Choose a picture');
    const remove = h('button', { type: 'button', class: 'quiet', onclick: () => this.choose(null) }, 'Remove picture');
    this.status = h('p', { class: 'notice', role: 'status' });
    this.errors = h('div', { class: 'errors' });
    const save = h('button', { type: 'submit', class: 'primary' }, 'Save profile');
    const form = h('form', { class: 'profile-form', 'aria-label': 'Your profile' },
      h('div', { class: 'avatar-row' }, this.preview, h('div', { class: 'avatar-actions' }, this.file, choose, remove)),
      field('Display name', this.displayName, 'What others see instead of your username, in any script; up to 64 characters.'),
      field('About you', this.bio, 'A short bio, up to 300 characters.'),
      this.errors, save, this.status);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.status.textContent = '';
      attempt(save, this.errors, () => this.save());
    });
    this.handle = h('p', { class: 'muted' });
    this.el = h('div', { class: 'people-section profile-settings' }, h('h3', {}, 'Your profile'), this.handle, form);
    this.unsubscribe = client.store.subscribe((topic) => {
      if (topic === 'profile' && !this.editing()) this.fill();
    });
  }

  show() {
    this.fill();
  }

  /** Whether the person has changed something not yet saved (then a profile event does not overwrite it). */
  editing() {
    const p = this.client.store.profile ?? {};
    return this.picture !== null || this.displayName.value !== (p.displayName ?? '') || this.bio.value !== (p.bio ?? '');
  }

  fill() {
    const p = this.client.store.profile ?? {};
    this.displayName.value = p.displayName ?? '';
    this.bio.value = p.bio ?? '';
    this.picture = null;
    this.handle.textContent = `Your username is @${this.client.store.me.username}; people find you by it, and it is shown`
      + ' beside your name wherever two people could be mistaken for each other.';
    this.preview.replaceChildren(avatar({ ...this.client.store.me, ...p }, this.client.media, 'large'));
  }

  /** Crops the chosen image to its centre square (null: no picture) and previews it. */
  async choose(file) {
    this.errors.replaceChildren();
    if (!file) {
      this.picture = 'remove';
      this.preview.replaceChildren(avatar({ username: nameOf(this.client.store.me) }, null, 'large'));
      return;
    }
    try {
      this.picture = await cropSquare(file);
    } catch {
      this.errors.replaceChildren(h('p', { class: 'problem', role: 'alert' }, 'This file is not a picture this browser can read.'));
      return;
    }
    this.preview.replaceChildren(h('span', { class: 'avatar large' }, h('img', { src: URL.createObjectURL(this.picture), alt: 'Your new picture' })));
  }

  async save() {
    const changes = { displayName: this.displayName.value, bio: this.bio.value };
    if (this.picture === 'remove') changes.avatarMediaId = null;
    else if (this.picture) changes.avatarMediaId = await this.client.uploadAvatar(this.picture);
    await this.client.updateProfile(changes);
    this.fill();
    this.status.textContent = 'Saved.';
  }

  destroy() {
    this.unsubscribe();
  }
}

/** The centre square of an image, at most AVATAR_PX a side, as a PNG. */
export async function cropSquare(file) {
  const bitmap = await createImageBitmap(file);
  const side = Math.min(bitmap.width, bitmap.height);
  const size = Math.min(side, AVATAR_PX);
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  canvas.getContext('2d').drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, size, size);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no image'))), 'image/png'));
}
