// Writing: a text box (Enter sends, Shift+Enter starts a new line), a photo with a preview and a
// caption (the text box, sent in the same message), or a file (its name and size). Above it, what
// the message answers (Reply) or that a message is being edited (Edit), each with Cancel. Greyed
// out, saying why and until when, while a sanction takes sending away.
import { decisionLink } from '../decision.js';
import { h, uid } from '../dom.js';
import { fileSize } from '../format.js';
import { problemText } from '../problem.js';
import { sanctionSentence } from '../sanctions.js';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
/** What the server accepts besides images (its FileTypes); anything else is refused here first. */
const FILE_TYPES = ['application/pdf', 'text/plain', 'application/msword', 'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation', 'application/zip', 'application/gzip',
  'application/x-7z-compressed', 'application/vnd.rar', 'application/x-tar'];
const FILE_EXTENSIONS = '.pdf,.txt,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.zip,.gz,.7z,.rar,.tar';

export class Composer {
  /**
   * @param onText(text, reply), onImage(file, {width, height}, previewUrl, caption, reply),
   *        onFile(file, caption, reply), onEdit(message, text) -> Promise (rejects with a Problem)
   */
  constructor({ onText, onImage, onFile, onEdit }) {
    this.onText = onText;
    this.onImage = onImage;
    this.onFile = onFile;
    this.onEdit = onEdit;
    this.picked = null;
    this.replying = null;
    this.editing = null;

    this.text = h('textarea', { rows: '1', maxlength: '4000', 'aria-label': 'Message', placeholder: 'Message' });
    this.file = h('input', { type: 'file', accept: [...IMAGE_TYPES, ...FILE_TYPES].join(',') + ',' + FILE_EXTENSIONS,
      class: 'visually-hidden', id: uid('attach') });
    this.previewImg = h('img', { alt: 'Image to send' });
    this.previewCaption = h('span', { class: 'preview-caption' });
    this.preview = h('div', { class: 'attachment', hidden: true },
      this.previewImg, this.previewCaption,
      h('button', { type: 'button', class: 'small quiet', onclick: () => this.dropImage() }, 'Remove'));
    this.contextText = h('span', { class: 'composer-context-text' });
    this.context = h('div', { class: 'composer-context', hidden: true },
      this.contextText,
      h('button', { type: 'button', class: 'small quiet', onclick: () => this.cancelContext() }, 'Cancel'));
    this.error = h('p', { class: 'problem', role: 'alert', hidden: true });
    this.restriction = h('p', { class: 'restriction', hidden: true });
    this.sendButton = h('button', { type: 'submit', class: 'primary send' }, 'Send');
    this.el = h('form', { class: 'composer', 'aria-label': 'Write a message' },
      this.restriction, this.context, this.preview, this.error,
      h('div', { class: 'composer-row' },
        this.file,
        h('label', { for: this.file.id, class: 'attach', title: 'Attach a photo or file' }, h('span', { 'aria-hidden': 'true' }, '+'),
          h('span', { class: 'visually-hidden' }, 'Attach a photo or file')),
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
      } else if (event.key === 'Escape' && (this.replying || this.editing)) {
        event.preventDefault();
        this.cancelContext();
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
    this.updatePlaceholder();
    this.restriction.hidden = !this.blocked;
    this.restriction.replaceChildren(...(sanction
      ? [sanctionSentence(sanction), ' You can still read this conversation. ', decisionLink(sanction.decisionId, 'Why?')]
      : []));
  }

  updatePlaceholder() {
    if (this.blocked) this.text.placeholder = 'Sending is restricted for now';
    else if (this.picked) this.text.placeholder = 'Add a caption';
    else this.text.placeholder = 'Message';
  }

  /** Answers {@code reply}: {id, quote: {senderId, kind, text}}, described as {@code words}. */
  replyTo(reply, words) {
    this.cancelEdit();
    this.replying = reply;
    this.contextText.replaceChildren(h('strong', {}, 'Replying to '), words);
    this.context.hidden = false;
    this.context.dataset.mode = 'reply';
    this.focus();
  }

  /** Puts {@code message}'s text in the box; Send then edits it. */
  edit(message) {
    this.replying = null;
    this.dropImage();
    this.editing = message;
    this.contextText.replaceChildren(h('strong', {}, 'Editing your message'));
    this.context.hidden = false;
    this.context.dataset.mode = 'edit';
    this.text.value = message.text;
    this.focus();
  }

  cancelContext() {
    if (this.editing) this.text.value = '';
    this.replying = null;
    this.editing = null;
    this.context.hidden = true;
    this.showError(null);
    this.focus();
  }

  cancelEdit() {
    if (this.editing) this.cancelContext();
  }

  async send() {
    if (this.blocked) return;
    const text = this.text.value;
    if (this.editing) {
      if (!text.trim()) return;
      const message = this.editing;
      try {
        await this.onEdit(message, text);
        this.cancelContext();
        this.text.value = '';
      } catch (problem) {
        this.showError(problem);
      }
      return;
    }
    const caption = text.trim() ? text : undefined;
    const reply = this.replying ?? undefined;
    if (this.picked) {
      const { file, size, url } = this.picked;
      this.picked = null; // the preview URL now belongs to the message being sent
      this.preview.hidden = true;
      if (url) this.onImage(file, size, url, caption, reply);
      else this.onFile(file, caption, reply);
    } else if (caption) {
      this.onText(text, reply);
    } else {
      return;
    }
    this.replying = null;
    this.context.hidden = true;
    this.text.value = '';
    this.updatePlaceholder();
    this.focus();
  }

  async pick(file) {
    this.showError(null);
    this.cancelEdit();
    if (!IMAGE_TYPES.includes(file.type)) {
      this.pickFile(file);
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
    this.previewImg.hidden = false;
    this.previewImg.src = url;
    this.previewCaption.textContent = `${file.name}, ${probe.naturalWidth} × ${probe.naturalHeight}`;
    this.preview.hidden = false;
    this.updatePlaceholder();
    this.focus();
  }

  pickFile(file) {
    if (!FILE_TYPES.includes(file.type)) {
      this.showError('Photos, PDFs, text, office documents and archives (zip, gz, 7z, rar, tar) can be sent; not this kind of file.');
      return;
    }
    this.dropImage();
    this.picked = { file };
    this.previewImg.hidden = true;
    this.previewCaption.textContent = `${file.name}, ${fileSize(file.size)}`;
    this.preview.hidden = false;
    this.updatePlaceholder();
    this.focus();
  }

  dropImage() {
    if (this.picked?.url) URL.revokeObjectURL(this.picked.url);
    this.picked = null;
    this.preview.hidden = true;
    this.updatePlaceholder();
  }

  /** A string, a Problem (its words), or null to clear. */
  showError(error) {
    this.error.hidden = !error;
    this.error.replaceChildren(...(error == null ? [] : [typeof error === 'string' ? error : problemWords(error)]));
  }
}

function problemWords(problem) {
  if (problem.code === 'message_refused') {
    const reason = problem.reasons?.[0];
    return `Not edited: ${reason ? `${reason.title}. ${reason.explanation}` : problem.detail} Your message keeps its earlier text.`;
  }
  return problemText(problem);
}
