// An accessible tab set (WAI-ARIA tabs pattern): arrow keys, Home/End, roving tabindex.
import type { MessageKey } from '../i18n';
import { h, txAttr, uid } from './dom';

export interface TabSpec { key: string; label: MessageKey; panel: HTMLElement }

export function tabs(labelKey: MessageKey, specs: TabSpec[], initial: string, onChange?: (key: string) => void): HTMLElement {
  const list = h('div', { class: 'tabs', attrs: { role: 'tablist' } });
  txAttr(list, 'aria-label', labelKey);
  const buttons: HTMLButtonElement[] = [];
  const select = (key: string, focus: boolean) => {
    specs.forEach((s, i) => {
      const on = s.key === key;
      const b = buttons[i]!;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      s.panel.hidden = !on;
      if (on && focus) b.focus();
    });
    onChange?.(key);
  };
  for (const s of specs) {
    const id = uid('tab');
    const b = h('button', { id, class: 'tab', attrs: { type: 'button', role: 'tab', 'aria-controls': s.panel.id || (s.panel.id = uid('tabpanel')) }, tx: s.label });
    s.panel.setAttribute('role', 'tabpanel');
    s.panel.setAttribute('aria-labelledby', id);
    b.addEventListener('click', () => select(s.key, false));
    buttons.push(b);
    list.append(b);
  }
  list.addEventListener('keydown', (e) => {
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % buttons.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + buttons.length) % buttons.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    if (next >= 0) {
      e.preventDefault();
      select(specs[next]!.key, true);
    }
  });
  select(initial, false);
  return list;
}
