// Suggests members while "@name" is typed in a group's composer: up to five whose username or display
// name starts with what follows the @; a click, Tab or Enter puts "@username " in its place, Escape
// closes the list, and arrows move through it.
import { h } from '../dom.js';
import { mentionAt } from '../mentions.js';
import { nameOf, personLabel } from '../people.js';

const SHOWN = 5;

export class MentionSuggest {
  /** @param members() the group's members now (without me) */
  constructor(composer, members) {
    this.composer = composer;
    this.members = members;
    this.choices = [];
    this.active = 0;
    this.el = h('ul', { class: 'mention-suggest', role: 'listbox', 'aria-label': 'Members to mention', hidden: true });
    this.onInput = () => this.update();
    // Capturing on the form: these keys are ours before the composer's Enter-sends sees them.
    this.onKey = (event) => this.key(event);
    composer.text.addEventListener('input', this.onInput);
    composer.el.addEventListener('keydown', this.onKey, true);
  }

  update() {
    const text = this.composer.text;
    const typed = mentionAt(text.value, text.selectionStart);
    const choices = !typed ? [] : this.members()
      .filter((m) => !m.deleted && (m.username.startsWith(typed.prefix) || nameOf(m).toLocaleLowerCase().startsWith(typed.prefix)))
      .slice(0, SHOWN);
    this.typed = typed;
    this.choices = choices;
    this.active = 0;
    this.render();
  }

  render() {
    this.el.hidden = this.choices.length === 0;
    this.el.replaceChildren(...this.choices.map((m, i) => {
      const option = h('li', { role: 'option', 'aria-selected': String(i === this.active), class: 'mention-choice' }, m.displayName ? personLabel(m) : `@${m.username}`);
      option.addEventListener('mousedown', (event) => {
        event.preventDefault(); // keep the focus in the text box
        this.pick(m);
      });
      return option;
    }));
  }

  key(event) {
    if (this.el.hidden || event.target !== this.composer.text) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      this.active = (this.active + (event.key === 'ArrowDown' ? 1 : this.choices.length - 1)) % this.choices.length;
      this.render();
    } else if ((event.key === 'Enter' && !event.shiftKey && !event.isComposing) || event.key === 'Tab') {
      this.pick(this.choices[this.active]);
    } else if (event.key === 'Escape') {
      this.choices = [];
      this.render();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  pick(member) {
    const text = this.composer.text;
    const end = text.selectionStart;
    text.value = `${text.value.slice(0, this.typed.start)}@${member.username} ${text.value.slice(end)}`;
    const caret = this.typed.start + member.username.length + 2;
    text.setSelectionRange(caret, caret);
    this.choices = [];
    this.render();
    text.focus();
  }

  destroy() {
    this.composer.text.removeEventListener('input', this.onInput);
    this.composer.el.removeEventListener('keydown', this.onKey, true);
  }
}
