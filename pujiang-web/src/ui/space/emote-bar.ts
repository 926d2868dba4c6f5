// The emote bar: numbered gestures (keys 1..n work too while no text field has focus).
import { EMOTES } from '../../app/emotes';
import { t } from '../../i18n';
import { h, txAttr, txWith } from '../dom';

export function emoteBar(play: (emote: number) => void): HTMLElement {
  const bar = h('div', { class: 'emote-bar', attrs: { role: 'toolbar' } });
  txAttr(bar, 'aria-label', 'emote.bar');
  const buttons = EMOTES.map((e, i) => {
    // Text, not emoji: kiosks on closed networks often have no emoji font.
    const b = h('button', { class: 'emote', attrs: { type: 'button', tabindex: i === 0 ? 0 : -1, 'aria-keyshortcuts': String(e.emote) } },
      h('span', { class: 'emote-num', attrs: { 'aria-hidden': 'true' } }, String(e.emote)),
      h('span', { class: 'emote-name', attrs: { 'aria-hidden': 'true' }, tx: e.label }));
    txWith(b, 'aria-label', () => {
      const label = t('emote.label', { n: e.emote, name: t(e.label) });
      b.setAttribute('aria-label', label);
      b.title = label;
    });
    b.addEventListener('click', () => play(e.emote));
    return b;
  });
  // A toolbar is one Tab stop; arrow keys move inside it.
  bar.addEventListener('keydown', (ev) => {
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    let next = -1;
    if (ev.key === 'ArrowRight') next = (i + 1) % buttons.length;
    else if (ev.key === 'ArrowLeft') next = (i - 1 + buttons.length) % buttons.length;
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = buttons.length - 1;
    if (next < 0) return;
    ev.preventDefault();
    buttons.forEach((b, j) => (b.tabIndex = j === next ? 0 : -1));
    buttons[next]!.focus();
  });
  bar.append(...buttons);
  return bar;
}
