// A card about what was picked in the scene: an exhibit (title, description) or a visitor.
import { h, txAttr } from '../dom';
import { icon } from '../icons';

export type Selection =
  | { kind: 'exhibit'; title: string; description: string }
  | { kind: 'avatar'; entityId: number; name: string; agent?: boolean };

export interface InfoCard {
  el: HTMLElement;
  show(sel: Selection): void;
  hide(): void;
}

export function infoCard(): InfoCard {
  const kind = h('p', { class: 'info-kind' });
  const title = h('h2', { class: 'info-title' });
  title.id = 'info-card-title';
  const desc = h('p', { class: 'info-desc' });
  const close = h('button', { class: 'btn-icon btn-small', attrs: { type: 'button' } }, icon('close'));
  txAttr(close, 'aria-label', 'info.close');
  const el = h('aside', { class: 'info-card card', attrs: { hidden: true, 'aria-labelledby': title.id, 'aria-live': 'polite' } },
    h('div', { class: 'info-head' }, h('div', {}, kind, title), close), desc);
  const hide = () => {
    el.hidden = true;
  };
  close.addEventListener('click', hide);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  return {
    el,
    show(sel) {
      el.hidden = false;
      if (sel.kind === 'exhibit') {
        kind.textContent = '';
        kind.append(kindLabel('info.exhibit'));
        title.textContent = sel.title;
        desc.textContent = sel.description;
        desc.hidden = sel.description.trim() === '';
      } else {
        kind.textContent = '';
        kind.append(kindLabel(sel.agent === true ? 'agent.badge' : 'info.avatar'));
        title.textContent = sel.name;
        desc.textContent = '';
        desc.hidden = true;
      }
    },
    hide,
  };
}

function kindLabel(key: 'info.exhibit' | 'info.avatar' | 'agent.badge'): HTMLElement {
  return h('span', { tx: key });
}
