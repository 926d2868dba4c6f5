// Modal dialogs on the native <dialog>: focus is trapped by the browser, Escape closes,
// and focus returns to the control that opened it.
import type { MessageKey, Params } from '../i18n';
import { h, txAttr } from './dom';
import { icon } from './icons';

export interface Dialog {
  el: HTMLDialogElement;
  body: HTMLElement;
  open(): void;
  close(): void;
}

export function createDialog(titleKey: MessageKey, titleParams?: Params, onClose?: () => void): Dialog {
  const title = h('h2', { class: 'dialog-title', tx: titleKey, txParams: titleParams });
  title.id = `dlg-${Math.random().toString(36).slice(2)}`;
  const closeBtn = h('button', { class: 'btn-icon', attrs: { type: 'button' } }, icon('close'));
  txAttr(closeBtn, 'aria-label', 'create.close');
  const body = h('div', { class: 'dialog-body' });
  const el = h('dialog', { class: 'dialog', attrs: { 'aria-labelledby': title.id } },
    h('div', { class: 'dialog-head' }, title, closeBtn), body);
  // In the document from the start (closed dialogs are not shown), so language switches reach it.
  document.body.append(el);
  let opener: Element | null = null;
  closeBtn.addEventListener('click', () => el.close());
  el.addEventListener('close', () => {
    onClose?.();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });
  // A click on the backdrop (outside the box) closes it too.
  el.addEventListener('click', (e) => {
    if (e.target === el) el.close();
  });
  return {
    el,
    body,
    open() {
      opener = document.activeElement;
      if (!el.isConnected) document.body.append(el);
      el.showModal();
      const first = body.querySelector<HTMLElement>('input, select, textarea, button');
      first?.focus();
    },
    close() {
      el.close();
    },
  };
}
