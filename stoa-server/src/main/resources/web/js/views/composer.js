// Writing: a text box (Enter sends, Shift+Enter starts a new line) and an image with a preview
// before it is sent. Greyed out, saying why and until when, while a sanction takes sending away.
import { decisionLink } from '../decision.js';
import { h, uid } from '../dom.js';
import { sanctionSentence } from '../sanctions.js';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

export class Composer {
  /** @param onText(text), onImage(file, {width, height}, previewUrl) */
  constructor({ onText, onImage }) {
    this.onText = onText;
    this.onImage = onImage;
    this.picked = null;

    this.text = h('textarea', { rows: '1', maxlength: '4000', 'aria-label': 'Message', placeholder: 'Message' });
    this.file = h('input', { type: 'file', accept: IMAGE_TYPES.join(','), class: 'visually-hidden', id: uid('image') });
    this.previewImg = h('img', { alt: 'Image to send' });
    this.previewCaption = h('span', { class: 'preview-caption' });
    this.preview = h('div', { class: 'attachment', hidden: true },
      this.previewImg, this.previewCaption,
      h('button', { type: 'button', class: 'small quiet', onclick: () => this.dropImage() }, 'Remove image'));
    this.error = h('p', { class: 'problem', role: 'alert', hidden: true });
    this.restriction = h('p', { class: 'restriction', hidden: true });
    this.sendButton = h('button', { type: 'submit', class: 'primary send' }, 'Send');
    this.el = h('form', { class: 'composer', 'aria-label': 'Write a message' },
      this.restriction, this.preview, this.error,
      h('div', { class: 'composer-row' },
        this.file,
        h('label', { for: this.file.id, class: 'attach', title: 'Attach an image' }, h('span', { 'aria-hidden': 'true' }, '+'),
          h('span', { class: 'visually-hidden' }, 'Attach an image')),
        this.text,
        this.sendButton));

    this.el.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.send();
      }
    });
    this.file.addEventListener('change', () => {
      if (this.file.files.length) this.pick(this.file.files[0]);
      this.file.value = '';
    });
  }

  focus() {
    this.text.focus();
  }

  /** Greys everything out while {@code sanction} (or nothing: undefined) takes sending here away. */
  setBlocked(sanction) {
    this.blocked = Boolean(sanction);
    for (const control of [this.text, this.file, this.sendButton]) control.disabled = this.blocked;
    this.el.toggleAttribute('data-blocked', this.blocked);
    this.text.placeholder = this.blocked ? 'Sending is restricted for now' : 'Message';
    this.restriction.hidden = !this.blocked;
    this.restriction.replaceChildren(...(sanction
      ? [sanctionSentence(sanction), ' You can still read this conversation. ', decisionLink(sanction.decisionId, 'Why?')]
      : []));
  }

  send() {
    if (this.blocked) return;
    if (this.picked) {
      const { file, size, url } = this.picked;
      this.picked = null; // the preview URL now belongs to the message being sent
      this.preview.hidden = true;
      this.onImage(file, size, url);
    }
    const text = this.text.value;
    if (text.trim()) this.onText(text);
    this.text.value = '';
    this.focus();
  }

  async pick(file) {
    this.showError(null);
    if (!IMAGE_TYPES.includes(file.type)) {
      this.showError('Only JPEG, PNG, GIF and WebP images can be sent.');
      return;
    }
    const url = URL.createObjectURL(file);
    const probe = new Image();
    probe.src = url;
    try {
      await probe.decode();
    } catch {
      URL.revokeObjectURL(url);
      this.showError('This file cannot be read as an image.');
      return;
    }
    this.dropImage();
    this.picked = { file, url, size: { width: probe.naturalWidth, height: probe.naturalHeight } };
    this.previewImg.src = url;
    this.previewCaption.textContent = `${file.name}, ${probe.naturalWidth} × ${probe.naturalHeight}`;
    this.preview.hidden = false;
    this.focus();
  }

  dropImage() {
    if (this.picked) URL.revokeObjectURL(this.picked.url);
    this.picked = null;
    this.preview.hidden = true;
  }

  showError(text) {
    this.error.hidden = !text;
    this.error.textContent = text || '';
  }
}
